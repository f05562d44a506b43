import type { ModelPrices, Retirement } from '@tunekit/core';
import type { EncodingName } from '../tokens/encodings.js';
import type { TrainingFormat } from '../training-line.js';

/** What tunekit knows about a model: tokenizer, limits and prices with their date and source. */
export interface ModelInfo {
  /** The id asked for (an `ft:` id stays as given). */
  id: string;
  /** The catalog entry it resolved to (for `ft:` ids, the base snapshot). */
  catalogId: string;
  encoding: EncodingName;
  /** Per-example training token limit; for models that cannot be fine-tuned, the context window. */
  exampleTokenLimit: number;
  contextWindow: number;
  /** USD per 1M tokens. For an `ft:` id, `input`/`cachedInput`/`output` are the base's fine-tuned inference prices. */
  prices: ModelPrices;
  fineTunable: boolean;
  /** The line formats it trains on; undefined when not fine-tunable or not in the catalog. */
  trainingFormats?: readonly TrainingFormat[];
  /** True for `ft:` ids. */
  fineTuned: boolean;
  /** Caveats of the figures (unverified limits, historical prices). */
  notes?: string;
  /** When OpenAI stops serving it (for an `ft:` id, its base) and the fine-tunes built on it. */
  retires?: Retirement;
}

/** A pipeline's `prices:` entry: override a catalog model or add an unknown one. */
export type ModelOverride = Partial<ModelPrices> & {
  encoding?: string;
  exampleTokenLimit?: number;
  contextWindow?: number;
};

export type ModelOverrides = Record<string, ModelOverride>;

export interface CatalogEntry {
  encoding: EncodingName;
  exampleTokenLimit?: number;
  contextWindow: number;
  prices: ModelPrices;
  aliases?: string[];
  /** For fine-tunable entries: the line formats it trains on (default: chat and preference). */
  trainingFormats?: readonly TrainingFormat[];
  notes?: string;
  retires?: Retirement;
}

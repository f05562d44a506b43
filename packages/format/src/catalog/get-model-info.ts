import type { ModelPrices } from '@tunekit/core';
import { didYouMean, TunekitError } from '@tunekit/core';
import { assertEncodingName } from '../tokens/encodings.js';
import { parseFineTunedId } from './fine-tuned-id.js';
import { MODEL_CATALOG } from './model-catalog.js';
import type { CatalogEntry, ModelInfo, ModelOverride, ModelOverrides } from './model-info.js';

/** What the chat models train on: chat lines, and preference lines (DPO). */
const CHAT_FORMATS = ['chat', 'preference'] as const;

const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries(MODEL_CATALOG).flatMap(([id, entry]) => (entry.aliases ?? []).map((alias) => [alias, id] as const)),
);

/** Every id the catalog answers to (snapshots and aliases). */
export function knownModelIds(): string[] {
  return [...Object.keys(MODEL_CATALOG), ...ALIASES.keys()];
}

/**
 * Looks a model up synchronously. `ft:` ids resolve to their base snapshot, with the base's fine-tuned inference
 * prices as `input`/`output`. Overrides (the pipeline's `prices:`) apply by exact id first, then by base id, and can
 * add models the catalog lacks. Throws UNKNOWN_MODEL when neither knows the model.
 */
export function getModelInfo(id: string, overrides: ModelOverrides = {}): ModelInfo {
  const fineTuned = parseFineTunedId(id);
  const requested = fineTuned?.base ?? id;
  const catalogId = MODEL_CATALOG[requested] ? requested : (ALIASES.get(requested) ?? requested);
  const entry = MODEL_CATALOG[catalogId];
  const override = mergeOverrides(overrides[requested], overrides[catalogId], fineTuned ? overrides[id] : undefined);
  if (!entry && !override) throw unknownModel(id);
  const base: CatalogEntry = entry ?? {
    encoding: 'o200k_base',
    contextWindow: override?.contextWindow ?? override?.exampleTokenLimit ?? 128_000,
    prices: {},
  };
  const { encoding, exampleTokenLimit, contextWindow, ...priceOverride } = override ?? {};
  const contextSize = contextWindow ?? base.contextWindow;
  const prices: ModelPrices = { ...base.prices, ...priceOverride };
  const fineTunable = (exampleTokenLimit ?? base.exampleTokenLimit) !== undefined;
  return {
    id,
    catalogId,
    encoding: encoding ? assertEncodingName(encoding) : base.encoding,
    exampleTokenLimit: exampleTokenLimit ?? base.exampleTokenLimit ?? contextSize,
    contextWindow: contextSize,
    prices: fineTuned ? asFineTunedPrices(prices) : prices,
    fineTunable,
    ...(entry && fineTunable ? { trainingFormats: entry.trainingFormats ?? CHAT_FORMATS } : {}),
    fineTuned: fineTuned !== undefined,
    ...(base.notes ? { notes: base.notes } : {}),
    ...(base.retires ? { retires: base.retires } : {}),
  };
}

function mergeOverrides(...layers: Array<ModelOverride | undefined>): ModelOverride | undefined {
  const present = layers.filter((layer): layer is ModelOverride => layer !== undefined);
  return present.length === 0 ? undefined : Object.assign({}, ...present);
}

function asFineTunedPrices(prices: ModelPrices): ModelPrices {
  const tuned: ModelPrices = { ...prices };
  if (prices.fineTunedInput !== undefined) tuned.input = prices.fineTunedInput;
  if (prices.fineTunedOutput !== undefined) tuned.output = prices.fineTunedOutput;
  if (prices.fineTunedCachedInput !== undefined) tuned.cachedInput = prices.fineTunedCachedInput;
  else if (prices.fineTunedInput !== undefined) delete tuned.cachedInput;
  return tuned;
}

function unknownModel(id: string): TunekitError {
  const example = `prices: { "${id}": { encoding: o200k_base, exampleTokenLimit: 65536, training: 3, input: 0.3, output: 1.2 } }`;
  return new TunekitError(
    'UNKNOWN_MODEL',
    `unknown model "${id}"${didYouMean(id, knownModelIds())}: add its tokenizer, limits and prices under \`prices:\` in the pipeline, e.g. ${example}`,
    { context: { field: 'model' } },
  );
}

import type { ModelContext } from '@tunekit/core';
import { getModelInfo } from './catalog/get-model-info.js';
import type { ModelOverrides } from './catalog/model-info.js';
import { countExampleTokens } from './tokens/count-example.js';
import { lazyTokenCounter, loadTokenCounter, type TokenizerImplementation } from './tokens/token-counter.js';

export interface CreateModelContextOptions {
  model: string;
  /** The pipeline's `prices:` block: overrides or additions keyed by model id. */
  prices?: ModelOverrides;
  /** Overrides the model's per-example training token limit. */
  exampleTokenLimit?: number;
  /** Counts are equal either way; tunekit's own counter is the default. */
  tokenizer?: TokenizerImplementation;
}

/** The target model of a pipeline: catalog facts plus a loaded tokenizer. Throws UNKNOWN_MODEL. */
export async function createModelContext(options: CreateModelContextOptions): Promise<ModelContext> {
  const info = getModelInfo(options.model, options.prices);
  const counter =
    options.tokenizer === 'tiktoken'
      ? await loadTokenCounter(info.encoding, { implementation: 'tiktoken' })
      : lazyTokenCounter(info.encoding);
  return {
    id: info.id,
    encoding: info.encoding,
    exampleTokenLimit: options.exampleTokenLimit ?? info.exampleTokenLimit,
    contextWindow: info.contextWindow,
    prices: info.prices,
    ...(info.trainingFormats ? { trainingFormats: info.trainingFormats } : {}),
    countTokens: counter.count,
    countExample: (line) => countExampleTokens(line, counter),
  };
}

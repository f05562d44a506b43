import type { ExampleTokenCount } from '@tunekit/core';
import { countExampleTokens, getModelInfo, loadTokenCounter, type TokenCounter } from '@tunekit/format';

/** Token counting for one model, with the model's own tokenizer (o200k_base for models the catalog does not know). */
export interface ModelTokens {
  encoding: string;
  exampleTokenLimit: number;
  /** Cached per string: prompts and answers repeat a lot in evaluations and benchmarks. */
  count(text: string): number;
  countExample(line: unknown): ExampleTokenCount;
}

const FALLBACK = { encoding: 'o200k_base', exampleTokenLimit: 65_536 };
const byModel = new Map<string, ModelTokens>();

/** Synchronous after the first call for a model: the hot path awaits nothing once warmed. */
export function modelTokens(model: string): ModelTokens | Promise<ModelTokens> {
  return byModel.get(model) ?? loadModelTokens(model);
}

async function loadModelTokens(model: string): Promise<ModelTokens> {
  let info = FALLBACK;
  try {
    info = getModelInfo(model);
  } catch {
    // Unknown models are fine in the sandbox: they get the fallback tokenizer and limit.
  }
  const counter: TokenCounter = await loadTokenCounter(info.encoding);
  const tokens: ModelTokens = {
    encoding: counter.encoding,
    exampleTokenLimit: info.exampleTokenLimit,
    count: counter.countCached,
    countExample: (line) => countExampleTokens(line, { ...counter, count: counter.countCached }),
  };
  byModel.set(model, tokens);
  return tokens;
}

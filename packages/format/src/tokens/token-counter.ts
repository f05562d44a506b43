import { bpeCount } from './encoding-tables.js';
import { assertEncodingName, type EncodingName } from './encodings.js';

/**
 * Counts tokens of one encoding. tunekit's own counter is the default (`bpe-count.ts`: gpt-tokenizer's rank lists in
 * typed-array tables, pure JS, importable in worker threads, several times faster than tiktoken's WASM and ~2×
 * gpt-tokenizer's `countTokens` with almost no garbage); its counts equal tiktoken's — the reference — which
 * `token-counter.test.ts` proves on real English and Chinese text and on generated tricky text. Special-token strings
 * such as `<|endoftext|>` are counted as ordinary text; the validator flags them separately.
 */
export interface TokenCounter {
  readonly encoding: EncodingName;
  count(text: string): number;
  /** Same as `count`, remembered: for strings that repeat (system prompts, tool definitions, few-shot blocks). */
  countCached(text: string): number;
}

type CountFunction = (text: string) => number;

const MAX_CACHED_STRINGS = 4096;
const MAX_CACHED_LENGTH = 65_536;
const loaded = new Map<string, Promise<TokenCounter>>();

/** tunekit's table-based counter (default) or tiktoken's WASM (the reference itself). */
export type TokenizerImplementation = 'tunekit' | 'tiktoken';

/** Loads (once per thread) the counter of an encoding by name; no model or ModelContext needed. */
export function loadTokenCounter(
  encoding: string,
  options: { implementation?: TokenizerImplementation } = {},
): Promise<TokenCounter> {
  const name = assertEncodingName(encoding);
  const implementation = options.implementation ?? 'tunekit';
  const key = `${implementation}:${name}`;
  let counter = loaded.get(key);
  if (!counter) {
    const count = implementation === 'tiktoken' ? importTiktokenCount(name) : Promise.resolve(bpeCount(name));
    counter = count.then((fn) => createTokenCounter(name, fn));
    loaded.set(key, counter);
  }
  return counter;
}

async function importTiktokenCount(name: EncodingName): Promise<CountFunction> {
  const { get_encoding } = await import('tiktoken');
  const encoder = get_encoding(name);
  return (text) => encoder.encode_ordinary(text).length;
}

/**
 * A counter that loads its rank table (~7 MB, a few tens of milliseconds) on the first count: a run whose counting
 * happens in worker threads never loads it on the main thread.
 */
export function lazyTokenCounter(encoding: string): TokenCounter {
  const name = assertEncodingName(encoding);
  let load: CountFunction | undefined;
  return createTokenCounter(name, (text) => {
    load ??= bpeCount(name);
    return load(text);
  });
}

function createTokenCounter(encoding: EncodingName, countTokens: CountFunction): TokenCounter {
  const cache = new Map<string, number>();
  const count = (text: string): number => (text.length === 0 ? 0 : countTokens(text));
  return {
    encoding,
    count,
    countCached(text) {
      const hit = cache.get(text);
      if (hit !== undefined) return hit;
      const tokens = count(text);
      if (text.length <= MAX_CACHED_LENGTH) {
        // Oldest-first eviction: Map iterates in insertion order.
        if (cache.size >= MAX_CACHED_STRINGS) cache.delete(cache.keys().next().value as string);
        cache.set(text, tokens);
      }
      return tokens;
    },
  };
}

import { createRequire } from 'node:module';
import { assertEncodingName, type EncodingName } from './encodings.js';

/**
 * Counts tokens of one encoding. gpt-tokenizer is the implementation (pure JS, importable in worker
 * threads, faster than the WASM tiktoken on short strings); its counts equal tiktoken's — the reference —
 * which `token-counter.test.ts` proves on real English and Chinese text. Special-token strings such as
 * `<|endoftext|>` are counted as ordinary text; the validator flags them separately.
 */
export interface TokenCounter {
  readonly encoding: EncodingName;
  count(text: string): number;
  /** Same as `count`, remembered: for strings that repeat (system prompts, tool definitions, few-shot blocks). */
  countCached(text: string): number;
}

type CountFunction = (text: string, options?: { disallowedSpecial?: Set<string> }) => number;

const MAX_CACHED_STRINGS = 4096;
const MAX_CACHED_LENGTH = 65_536;
const NO_SPECIAL = new Set<string>();
const loaded = new Map<string, Promise<TokenCounter>>();

/** gpt-tokenizer (default: fastest on real, repetitive text) or tiktoken's WASM (the reference itself). */
export type TokenizerImplementation = 'gpt-tokenizer' | 'tiktoken';

/** Loads (once per thread) the counter of an encoding by name; no model or ModelContext needed. */
export function loadTokenCounter(
  encoding: string,
  options: { implementation?: TokenizerImplementation } = {},
): Promise<TokenCounter> {
  const name = assertEncodingName(encoding);
  const implementation = options.implementation ?? 'gpt-tokenizer';
  const key = `${implementation}:${name}`;
  let counter = loaded.get(key);
  if (!counter) {
    const count = implementation === 'tiktoken' ? importTiktokenCount(name) : importCount(name);
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

async function importCount(name: EncodingName): Promise<CountFunction> {
  switch (name) {
    case 'cl100k_base':
      return (await import('gpt-tokenizer/encoding/cl100k_base')).countTokens;
    case 'o200k_base':
      return (await import('gpt-tokenizer/encoding/o200k_base')).countTokens;
    case 'p50k_base':
      return (await import('gpt-tokenizer/encoding/p50k_base')).countTokens;
    case 'r50k_base':
      return (await import('gpt-tokenizer/encoding/r50k_base')).countTokens;
  }
}

const require = createRequire(import.meta.url);

/**
 * A gpt-tokenizer counter that loads its rank table (~70 MB, ~0.7 s) on the first count, synchronously through the
 * package's CommonJS build: a run whose counting happens in worker threads never pays for it on the main thread.
 */
export function lazyTokenCounter(encoding: string): TokenCounter {
  const name = assertEncodingName(encoding);
  let load: CountFunction | undefined;
  return createTokenCounter(name, (text, options) => {
    load ??= (require(`gpt-tokenizer/cjs/encoding/${name}`) as { countTokens: CountFunction }).countTokens;
    return load(text, options);
  });
}

function createTokenCounter(encoding: EncodingName, countTokens: CountFunction): TokenCounter {
  const cache = new Map<string, number>();
  const count = (text: string): number =>
    text.length === 0 ? 0 : countTokens(text, { disallowedSpecial: NO_SPECIAL });
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

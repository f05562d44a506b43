import type { CatalogEntry } from './model-info.js';

/**
 * Models, limits and prices (USD per 1M tokens) from reference/openai-fine-tuning.md §2 and §4.
 * `asOf` is the date the price took effect per its source. Entries with an `exampleTokenLimit` can be fine-tuned.
 */
const GPT35_LAUNCH = 'openai.com/blog/gpt-3-5-turbo-fine-tuning-and-api-updates';
const FT_PRICING = 'platform.openai.com/docs/pricing (fine-tuning; via litellm, finetunedb, portkey)';
const FT_PRICING_41 = 'developers.openai.com/api/docs/pricing#fine-tuning (via litellm)';
const BASE_PRICING = 'platform.openai.com/docs/models (secondary pricing tables)';
/** reference/openai-fine-tuning.md §0: the zh-Hans copy of the deprecations page; not confirmed on the English one. */
const RETIRES_2027 = {
  on: '2027-01-14',
  source: "the zh-Hans copy of OpenAI's deprecations page",
  verified: false,
} as const;

export const MODEL_CATALOG: Readonly<Record<string, CatalogEntry>> = {
  'gpt-3.5-turbo-0613': {
    encoding: 'cl100k_base',
    exampleTokenLimit: 4096,
    contextWindow: 16_385,
    prices: {
      training: 8,
      input: 1.5,
      output: 2,
      fineTunedInput: 12,
      fineTunedOutput: 16,
      asOf: '2023-08-22',
      source: GPT35_LAUNCH,
    },
    notes: 'launch prices of fine-tuning (2023); since Nov 2023 fine-tuned inference is $3/$6; context 4,096 at launch',
  },
  'gpt-3.5-turbo-1106': {
    encoding: 'cl100k_base',
    exampleTokenLimit: 16_385,
    contextWindow: 16_385,
    prices: { training: 8, fineTunedInput: 3, fineTunedOutput: 6, asOf: '2023-11-06', source: FT_PRICING },
  },
  'gpt-3.5-turbo-0125': {
    encoding: 'cl100k_base',
    exampleTokenLimit: 16_385,
    contextWindow: 16_385,
    aliases: ['gpt-3.5-turbo'],
    prices: {
      training: 8,
      input: 0.5,
      output: 1.5,
      fineTunedInput: 3,
      fineTunedOutput: 6,
      asOf: '2024-01-25',
      source: FT_PRICING,
    },
  },
  'gpt-4o-mini-2024-07-18': {
    encoding: 'o200k_base',
    exampleTokenLimit: 65_536,
    contextWindow: 128_000,
    aliases: ['gpt-4o-mini'],
    prices: {
      training: 3,
      input: 0.15,
      cachedInput: 0.075,
      output: 0.6,
      fineTunedInput: 0.3,
      fineTunedCachedInput: 0.15,
      fineTunedOutput: 1.2,
      asOf: '2024-07-23',
      source: FT_PRICING,
    },
    retires: RETIRES_2027,
  },
  'gpt-4o-2024-08-06': {
    encoding: 'o200k_base',
    exampleTokenLimit: 65_536,
    contextWindow: 128_000,
    aliases: ['gpt-4o'],
    prices: {
      training: 25,
      input: 2.5,
      cachedInput: 1.25,
      output: 10,
      fineTunedInput: 3.75,
      fineTunedCachedInput: 1.875,
      fineTunedOutput: 15,
      asOf: '2024-08-20',
      source: FT_PRICING,
    },
    retires: RETIRES_2027,
  },
  'gpt-4.1-2025-04-14': {
    encoding: 'o200k_base',
    exampleTokenLimit: 65_536,
    contextWindow: 1_047_576,
    aliases: ['gpt-4.1'],
    prices: {
      training: 25,
      input: 2,
      output: 8,
      fineTunedInput: 3,
      fineTunedCachedInput: 0.75,
      fineTunedOutput: 12,
      asOf: '2025-04-14',
      source: FT_PRICING_41,
    },
    notes: 'per-example training limit not verified (65,536 assumed, as gpt-4o)',
    retires: RETIRES_2027,
  },
  'gpt-4.1-mini-2025-04-14': {
    encoding: 'o200k_base',
    exampleTokenLimit: 65_536,
    contextWindow: 1_047_576,
    aliases: ['gpt-4.1-mini'],
    prices: {
      training: 5,
      input: 0.4,
      output: 1.6,
      fineTunedInput: 0.8,
      fineTunedCachedInput: 0.2,
      fineTunedOutput: 3.2,
      asOf: '2025-04-14',
      source: FT_PRICING_41,
    },
    notes: 'per-example training limit not verified (65,536 assumed, as gpt-4o)',
    retires: RETIRES_2027,
  },
  'gpt-4.1-nano-2025-04-14': {
    encoding: 'o200k_base',
    exampleTokenLimit: 65_536,
    contextWindow: 1_047_576,
    aliases: ['gpt-4.1-nano'],
    prices: {
      training: 1.5,
      input: 0.1,
      output: 0.4,
      fineTunedInput: 0.2,
      fineTunedCachedInput: 0.05,
      fineTunedOutput: 0.8,
      asOf: '2025-04-14',
      source: FT_PRICING_41,
    },
    notes: 'per-example training limit not verified (65,536 assumed, as gpt-4o)',
    retires: { on: '2026-10-23', source: 'aihola.com (a secondary source)', verified: false },
  },
  'davinci-002': {
    encoding: 'cl100k_base',
    exampleTokenLimit: 16_384,
    contextWindow: 16_384,
    // The completions models: prompt/completion lines only (reference/openai-fine-tuning.md §1).
    trainingFormats: ['completion'],
    prices: {
      training: 6,
      input: 2,
      output: 2,
      fineTunedInput: 12,
      fineTunedOutput: 12,
      asOf: '2023-08-22',
      source: GPT35_LAUNCH,
    },
    notes: 'fine-tuning prices of medium confidence; per-example limit not verified (context window assumed)',
  },
  'babbage-002': {
    encoding: 'cl100k_base',
    exampleTokenLimit: 16_384,
    contextWindow: 16_384,
    // The completions models: prompt/completion lines only (reference/openai-fine-tuning.md §1).
    trainingFormats: ['completion'],
    prices: {
      training: 0.4,
      input: 0.4,
      output: 0.4,
      fineTunedInput: 1.6,
      fineTunedOutput: 1.6,
      asOf: '2023-08-22',
      source: GPT35_LAUNCH,
    },
    notes: 'fine-tuning prices of medium confidence; per-example limit not verified (context window assumed)',
  },
  'gpt-4-0613': {
    encoding: 'cl100k_base',
    contextWindow: 8192,
    aliases: ['gpt-4'],
    prices: { input: 30, output: 60, asOf: '2023-06-13', source: 'platform.openai.com/docs/models/gpt-4' },
  },
  'gpt-4-32k': {
    encoding: 'cl100k_base',
    contextWindow: 32_768,
    prices: { input: 60, output: 120, asOf: '2023-06-13', source: BASE_PRICING },
  },
  'gpt-4-turbo-2024-04-09': {
    encoding: 'cl100k_base',
    contextWindow: 128_000,
    aliases: ['gpt-4-turbo'],
    prices: { input: 10, output: 30, asOf: '2024-04-09', source: BASE_PRICING },
  },
  'gpt-4o-2024-05-13': {
    encoding: 'o200k_base',
    contextWindow: 128_000,
    prices: { input: 5, output: 15, asOf: '2024-05-13', source: BASE_PRICING },
  },
  'o4-mini-2025-04-16': {
    encoding: 'o200k_base',
    contextWindow: 200_000,
    aliases: ['o4-mini'],
    prices: { fineTunedInput: 4, fineTunedOutput: 16, asOf: '2025-05-08', source: FT_PRICING_41 },
    notes: 'reinforcement fine-tuning is billed per training hour ($100/h, low confidence), not per token',
  },
};

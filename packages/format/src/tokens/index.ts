/**
 * `@tunekit/format/tokens`: token counting alone, for worker threads — it loads neither zod nor the model catalog
 * (~0.2 s less before a thread's first batch).
 */
export {
  countExampleTokens,
  LOW_DETAIL_IMAGE_TOKENS,
  REPLY_PRIMING_TOKENS,
  TOKENS_PER_MESSAGE,
  TOKENS_PER_NAME,
} from './count-example.js';
export { ENCODING_NAMES, type EncodingName } from './encodings.js';
export {
  lazyTokenCounter,
  loadTokenCounter,
  type TokenCounter,
  type TokenizerImplementation,
} from './token-counter.js';

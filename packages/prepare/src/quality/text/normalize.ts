export interface NormalizeOptions {
  /** Replace every digit run by `0`: merges templated texts, but also "§ 1983" with "§ 1981". Off by default. */
  numbers?: boolean;
}

const PUNCTUATION_OR_SYMBOL = /[\p{P}\p{S}]+/gu;
const WHITESPACE = /\s+/gu;
const DIGITS = /\p{Nd}+/gu;

/** The text dedupe compares: NFKC, lower case, punctuation and symbols removed, whitespace collapsed. */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  let out = text.normalize('NFKC').toLowerCase().replace(PUNCTUATION_OR_SYMBOL, ' ');
  if (options.numbers) out = out.replace(DIGITS, '0');
  return out.replace(WHITESPACE, ' ').trim();
}

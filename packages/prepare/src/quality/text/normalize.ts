export interface NormalizeOptions {
  /** Replace every digit run by `0`: merges templated texts, but also "§ 1983" with "§ 1981". Off by default. */
  numbers?: boolean;
}

/** Punctuation, symbols and whitespace in one class: one pass turns every run of them into a single space. */
const SEPARATORS = /[\p{P}\p{S}\s]+/gu;
const DIGITS = /\p{Nd}+/gu;

/** The text dedupe compares: NFKC, lower case, punctuation and symbols removed, whitespace collapsed. */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  let out = text.normalize('NFKC').toLowerCase().replace(SEPARATORS, ' ');
  if (options.numbers) out = out.replace(DIGITS, '0');
  return out.trim();
}

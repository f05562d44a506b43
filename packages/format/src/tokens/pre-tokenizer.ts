import type { EncodingName } from './encodings.js';

/**
 * How an encoding cuts text into pieces before merging: its split pattern (the regex of tiktoken, as gpt-tokenizer
 * ships it), plus a hand-written scanner for the most common piece, an ASCII word with its leading space or
 * punctuation. The scanner answers only where it is certain to end where the pattern would, and -1 everywhere else
 * (non-ASCII next to the word, apostrophes, digits, line breaks), so the regex decides every other piece.
 */
export interface PreTokenizer {
  /** The split pattern, global: finds the next piece from `lastIndex`. */
  readonly pattern: RegExp;
  /** The same pattern anchored at `lastIndex` (sticky): `test` matches there without building a match array. */
  readonly anchored: RegExp;
  /** The end of the ASCII word piece that starts at `start`, or -1 when the pattern must decide. */
  wordEnd(text: string, start: number): number;
}

export function preTokenizer(encoding: EncodingName, pattern: RegExp): PreTokenizer {
  const flags = pattern.flags.replace(/[gy]/g, '');
  return {
    pattern: new RegExp(pattern.source, `${flags}g`),
    anchored: new RegExp(pattern.source, `${flags}y`),
    wordEnd: encoding === 'o200k_base' ? o200kWordEnd : encoding === 'cl100k_base' ? cl100kWordEnd : r50kWordEnd,
  };
}

const APOSTROPHE = 39;
const SPACE = 32;

const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isLetter = (c: number) => isUpper(c) || isLower(c);
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Where a letter run may start in o200k and cl100k: at a letter, or one character before it when that character is
 * the pattern's optional `[^\r\n\p{L}\p{N}]` (here: ASCII, not a letter, digit or line break). -1 otherwise.
 */
function lettersStart(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (isLetter(c)) return start;
  if (c >= 0x80 || c === 10 || c === 13 || isDigit(c) || c === APOSTROPHE) return -1;
  return isLetter(text.charCodeAt(start + 1)) ? start + 1 : -1;
}

/**
 * o200k: `[^\r\n\p{L}\p{N}]?[\p{Lu}…]*[\p{Ll}…]+(contraction)?` or `[^\r\n\p{L}\p{N}]?[\p{Lu}…]+[\p{Ll}…]*(…)?`.
 * Over ASCII letters both take the uppercase run, then the lowercase run: "HelloWorld" is "Hello" + "World".
 */
function o200kWordEnd(text: string, start: number): number {
  const letters = lettersStart(text, start);
  if (letters < 0) return -1;
  let end = letters;
  while (isUpper(text.charCodeAt(end))) end++;
  while (isLower(text.charCodeAt(end))) end++;
  return certainEnd(text, end);
}

/** cl100k: `[^\r\n\p{L}\p{N}]?\p{L}+` (contractions are an alternative of their own, tried first at an apostrophe). */
function cl100kWordEnd(text: string, start: number): number {
  const letters = lettersStart(text, start);
  if (letters < 0) return -1;
  let end = letters;
  while (isLetter(text.charCodeAt(end))) end++;
  return certainEnd(text, end);
}

/** r50k and p50k: ` ?\p{L}+` (only a space may lead). */
function r50kWordEnd(text: string, start: number): number {
  const c = text.charCodeAt(start);
  const letters = isLetter(c) ? start : c === SPACE && isLetter(text.charCodeAt(start + 1)) ? start + 1 : -1;
  if (letters < 0) return -1;
  let end = letters;
  while (isLetter(text.charCodeAt(end))) end++;
  return certainEnd(text, end);
}

/**
 * The word ends at `end` for certain when the text ends there or the next character is ASCII and not an apostrophe:
 * a non-ASCII letter or mark could continue the word, and an apostrophe could start a contraction suffix.
 */
function certainEnd(text: string, end: number): number {
  if (end >= text.length) return end;
  const next = text.charCodeAt(end);
  return next >= 0x80 || next === APOSTROPHE ? -1 : end;
}

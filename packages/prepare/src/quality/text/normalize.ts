export interface NormalizeOptions {
  /** Replace every digit run by `0`: merges templated texts, but also "§ 1983" with "§ 1981". Off by default. */
  numbers?: boolean;
}

/** Punctuation, symbols and whitespace: what separates words. */
const SEPARATOR = /^[\p{P}\p{S}\s]$/u;
const DIGITS = /\p{Nd}+/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: any code unit above 0x7f.
const NON_ASCII = /[^\u0000-\u007f]/;
const SPACE = 0x20;

let bmpSeparators: Uint8Array | undefined;

/** 1 for each BMP code unit that is punctuation, a symbol or whitespace (built once per thread, 64 KB). */
function separatorTable(): Uint8Array {
  if (bmpSeparators) return bmpSeparators;
  bmpSeparators = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    // A lone surrogate is no separator; pairs are looked up as whole characters below.
    if (code < 0xd800 || code > 0xdfff) bmpSeparators[code] = SEPARATOR.test(String.fromCharCode(code)) ? 1 : 0;
  }
  return bmpSeparators;
}

let scratch = new Uint16Array(4096);
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The string of some code units, lone surrogates kept (a TextDecoder would turn them into U+FFFD, and is slower). */
function codeUnitsToString(units: Uint16Array): string {
  if (LITTLE_ENDIAN) return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
  let text = '';
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.subarray(i, i + 4096));
  return text;
}

/** The code units normalised so far (`scratch[0, written)`), and whether a separator ran since the last one. */
let written = 0;
let spaceDue = false;

function reserve(units: number): void {
  if (scratch.length >= written + units) return;
  const grown = new Uint16Array((written + units) * 2);
  grown.set(scratch.subarray(0, written));
  scratch = grown;
}

/**
 * Appends ASCII text, lower-cased here: ASCII is its own NFKC form and only A-Z change case, so the two copies that
 * `normalize` and `toLowerCase` make are not needed. False, with nothing appended, for text that is not all ASCII.
 */
function appendAscii(text: string): boolean {
  if (NON_ASCII.test(text)) return false;
  const table = separatorTable();
  reserve(text.length + 1);
  const out = scratch;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (table[code] === 1) {
      spaceDue = written > 0;
      continue;
    }
    if (spaceDue) {
      out[written++] = SPACE;
      spaceDue = false;
    }
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    out[written++] = code;
  }
  return true;
}

/** Appends one text, normalised, to `scratch`. */
function append(text: string): void {
  if (appendAscii(text)) return;
  const source = text.normalize('NFKC').toLowerCase();
  const table = separatorTable();
  reserve(source.length + 1);
  const out = scratch;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = source.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) width = 2;
    }
    const separator = width === 1 ? table[code] === 1 : SEPARATOR.test(source.slice(i, i + 2));
    if (separator) {
      spaceDue = written > 0;
      i += width - 1;
      continue;
    }
    if (spaceDue) {
      out[written++] = SPACE;
      spaceDue = false;
    }
    out[written++] = code;
    if (width === 2) out[written++] = source.charCodeAt(++i);
  }
}

/**
 * The text dedupe compares: NFKC, lower case, each run of punctuation, symbols and whitespace turned into one space,
 * no space at either end. One table-driven pass over the code units (a Unicode-class regex replace cost three times
 * as much); characters outside the BMP (emoji are symbols) are classified as whole characters.
 *
 * Parts are normalised as if joined by line breaks, without making the joined string: a line break separates, and
 * neither NFKC nor lower-casing (final sigma included) looks across one.
 */
export function normalizeText(text: string | readonly string[], options: NormalizeOptions = {}): string {
  written = 0;
  spaceDue = false;
  if (typeof text === 'string') append(text);
  else
    for (let i = 0; i < text.length; i++) {
      if (i > 0) spaceDue = written > 0;
      append(text[i]!);
    }
  const normalized = codeUnitsToString(scratch.subarray(0, written));
  return options.numbers ? normalized.replace(DIGITS, '0') : normalized;
}

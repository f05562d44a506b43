export interface NormalizeOptions {
  /** Replace every digit run by `0`: merges templated texts, but also "§ 1983" with "§ 1981". Off by default. */
  numbers?: boolean;
  /**
   * Keep punctuation and symbols (`false`: only whitespace separates words), so "C" and "C++", or "x > 1" and
   * "x > -1", stay apart. Dropped by default, as the dedupe practice of the reference prescribes.
   */
  punctuation?: boolean;
}

const WHITESPACE = /\s+/gu;

/** NFKC, lower case, each whitespace run one space, no space at either end; punctuation and symbols kept. */
function normalizeKeepingSymbols(text: string | readonly string[]): string {
  const joined = typeof text === 'string' ? text : text.join('\n');
  return joined.normalize('NFKC').toLowerCase().replace(WHITESPACE, ' ').trim();
}

/** Punctuation, symbols and whitespace: what separates words. */
const SEPARATOR = /^[\p{P}\p{S}\s]$/u;
const DIGITS = /\p{Nd}+/gu;
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
 * How a BMP code unit normalises on its own, found once per code unit and thread. KEEP: it is its own NFKC form and
 * lower case. LOWER: so is its lower case, one code unit (in `lowered`). SEPARATOR: it and its NFKC form are all
 * punctuation, symbols or whitespace. COMPLEX: anything else (compatibility forms such as ﬁ or ＡＢ, marks, Hangul
 * jamo, final-sigma Σ, surrogates), for which the text goes through `normalize` and `toLowerCase`. A text of KEEP,
 * LOWER and SEPARATOR units normalises unit by unit: with no mark or jamo, no two of its characters compose, and Σ is
 * the only character whose lower case depends on its neighbours.
 */
const UNKNOWN = 0;
const KEEP = 1;
const LOWER = 2;
const SEPARATOR_UNIT = 3;
const COMPLEX = 4;
const MARK = /^\p{M}$/u;
const classes = new Uint8Array(0x10000);
const lowered = new Uint16Array(0x10000);

function isJamo(code: number): boolean {
  return (code >= 0x1100 && code <= 0x11ff) || (code >= 0xa960 && code <= 0xa97f) || (code >= 0xd7b0 && code <= 0xd7ff);
}

function classify(code: number): number {
  if ((code >= 0xd800 && code <= 0xdfff) || isJamo(code) || code === 0x03a3) return COMPLEX;
  const unit = String.fromCharCode(code);
  if (MARK.test(unit)) return COMPLEX;
  const table = separatorTable();
  const folded = unit.normalize('NFKC').toLowerCase();
  if (table[code] === 1) {
    for (let i = 0; i < folded.length; i++) if (table[folded.charCodeAt(i)] !== 1) return COMPLEX;
    return SEPARATOR_UNIT;
  }
  if (folded.length !== 1 || unit.normalize('NFKC') !== unit) return COMPLEX;
  const low = folded.charCodeAt(0);
  if (low === code) return KEEP;
  if (table[low] === 1 || folded.normalize('NFKC') !== folded) return COMPLEX;
  lowered[code] = low;
  return LOWER;
}

/** Appends a text whose units all normalise on their own; false, with nothing appended, at the first that does not. */
function appendSimple(text: string): boolean {
  reserve(text.length + 1);
  const out = scratch;
  const start = written;
  const startSpaceDue = spaceDue;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let kind = classes[code]!;
    if (kind === UNKNOWN) {
      kind = classify(code);
      classes[code] = kind;
    }
    if (kind === SEPARATOR_UNIT) {
      spaceDue = written > 0;
      continue;
    }
    if (kind === COMPLEX) {
      written = start;
      spaceDue = startSpaceDue;
      return false;
    }
    if (spaceDue) {
      out[written++] = SPACE;
      spaceDue = false;
    }
    out[written++] = kind === LOWER ? lowered[code]! : code;
  }
  return true;
}

/** Appends one text, normalised, to `scratch`. */
function append(text: string): void {
  if (appendSimple(text)) return;
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
  if (options.punctuation === false) {
    const kept = normalizeKeepingSymbols(text);
    return options.numbers ? kept.replace(DIGITS, '0') : kept;
  }
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

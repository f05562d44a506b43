import { combine32, fmix32 } from '../text/hash32.js';

const CJK_UNIT = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
/** No Han, kana or Hangul character lies below U+1100. */
const FIRST_CJK = 0x1100;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

let bmpTable: Uint8Array | undefined;

/** 1 for each BMP code unit that is a Han, kana or Hangul character (built once, 64 KB). */
function cjkTable(): Uint8Array {
  if (bmpTable) return bmpTable;
  bmpTable = new Uint8Array(0x10000);
  for (let code = FIRST_CJK; code < 0xd800; code++) bmpTable[code] = CJK_UNIT.test(String.fromCharCode(code)) ? 1 : 0;
  for (let code = 0xe000; code < 0x10000; code++) bmpTable[code] = CJK_UNIT.test(String.fromCharCode(code)) ? 1 : 0;
  return bmpTable;
}

/** Code units of a Han, kana or Hangul character at `i` (1, or 2 for a surrogate pair), 0 for any other. */
function cjkWidth(text: string, i: number, code: number, table: Uint8Array): number {
  if (code < FIRST_CJK) return 0;
  if (code < 0xd800 || code > 0xdbff) return table[code]!;
  const low = text.charCodeAt(i + 1);
  if (!(low >= 0xdc00 && low <= 0xdfff)) return 0;
  return CJK_UNIT.test(text.slice(i, i + 2)) ? 2 : 0;
}

let unitScratch = new Uint32Array(1024);

/**
 * Hashes of the units of a normalised text (single spaces between words): each Han, kana or Hangul character on its
 * own (text in those scripts has no spaces, so shingles over them are character n-grams), and every other run of
 * non-space characters as one word. Each unit hashes as `hashString32` of its code units. Returns the unit count.
 */
function unitHashes(text: string): number {
  const table = cjkTable();
  let units = 0;
  let word = FNV_OFFSET;
  let inWord = false;
  const push = (hash: number) => {
    if (units === unitScratch.length) {
      const grown = new Uint32Array(units * 2);
      grown.set(unitScratch);
      unitScratch = grown;
    }
    unitScratch[units++] = hash;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const cjk = code === 0x20 ? 0 : cjkWidth(text, i, code, table);
    if (code === 0x20 || cjk > 0) {
      if (inWord) push(fmix32(word));
      inWord = false;
      word = FNV_OFFSET;
      if (cjk === 0) continue;
      let h = Math.imul(FNV_OFFSET ^ code, FNV_PRIME);
      if (cjk === 2) h = Math.imul(h ^ text.charCodeAt(++i), FNV_PRIME);
      push(fmix32(h));
      continue;
    }
    word = Math.imul(word ^ code, FNV_PRIME);
    inWord = true;
  }
  if (inWord) push(fmix32(word));
  return units;
}

/**
 * 32-bit hashes of the `size`-unit shingles of a normalised text, written into `out` (grown when too small).
 * A text shorter than one shingle yields a single shingle of all its units; an empty text yields none.
 */
export function shingleHashes(text: string, size: number, out: Uint32Array): { hashes: Uint32Array; count: number } {
  const unitCount = unitHashes(text);
  if (unitCount === 0) return { hashes: out, count: 0 };
  const units = unitScratch;
  const count = Math.max(1, unitCount - size + 1);
  const hashes = out.length >= count ? out : new Uint32Array(Math.max(count, out.length * 2));
  const width = Math.min(size, unitCount);
  for (let start = 0; start < count; start++) {
    let h = 0x2545f491;
    for (let k = 0; k < width; k++) h = combine32(h, units[start + k]!);
    hashes[start] = h;
  }
  return { hashes, count };
}

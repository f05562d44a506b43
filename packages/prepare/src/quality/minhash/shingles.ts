import { combine32, hashString32 } from '../text/hash32.js';

/**
 * Units of a normalised text: each Han, kana or Hangul character on its own (text in those scripts has no spaces,
 * so shingles over them are character n-grams), and every other run of non-space characters as one word.
 */
const UNIT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/**
 * 32-bit hashes of the `size`-unit shingles of a normalised text, written into `out` (grown when too small).
 * A text shorter than one shingle yields a single shingle of all its units; an empty text yields none.
 */
export function shingleHashes(text: string, size: number, out: Uint32Array): { hashes: Uint32Array; count: number } {
  const units: number[] = [];
  for (const match of text.matchAll(UNIT)) units.push(hashString32(match[0]));
  if (units.length === 0) return { hashes: out, count: 0 };
  const count = Math.max(1, units.length - size + 1);
  const hashes = out.length >= count ? out : new Uint32Array(Math.max(count, out.length * 2));
  const width = Math.min(size, units.length);
  for (let start = 0; start < count; start++) {
    let h = 0x2545f491;
    for (let k = 0; k < width; k++) h = combine32(h, units[start + k]!);
    hashes[start] = h;
  }
  return { hashes, count };
}

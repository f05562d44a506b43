import { BytePairCounter } from './byte-pair-count.js';
import type { PreTokenizer } from './pre-tokenizer.js';
import type { RankTable } from './rank-table.js';

/** Counts of merged pieces remembered per counter (as many as gpt-tokenizer's merge cache; ~8 MB for real text). */
const MERGED_PIECES = 100_000;
/**
 * Longer pieces are merged each time, not remembered: the pieces of real text are words and runs of at most a few
 * hundred Chinese characters, and a piece of thousands of characters (a line of one letter, a long run without
 * punctuation) is rare and merges in O(n log n). The cache holds 100,000 × 2 KB at most, not gigabytes.
 */
const MERGED_PIECE_MAX_CHARS = 1024;

/**
 * Counts the tokens of ordinary text (special-token strings count as text) as tiktoken's `encode_ordinary` would:
 * split by the encoding's pattern; a piece that is a token counts 1, any other is byte-pair merged. Written for
 * counting, not encoding: no piece string, match array or token array is built for the common case, so counting
 * 100 MB of text leaves little for the garbage collector (gpt-tokenizer's `countTokens` allocates ~40 bytes per byte).
 */
export function createBpeCount(table: RankTable, split: PreTokenizer): (text: string) => number {
  const merge = new BytePairCounter(table);
  const { pattern, anchored, wordEnd } = split;
  let bytes = new Uint8Array(256);
  // Merging costs a few lookups per byte of the piece, and pieces that are not tokens recur (rare words, and runs of
  // Chinese characters, which the patterns keep whole): their counts are remembered, the oldest forgotten first.
  const merged = new Map<string, number>();

  const countPiece = (text: string, start: number, end: number): number => {
    if (bytes.length < (end - start) * 3) bytes = new Uint8Array((end - start) * 3);
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (text.charCodeAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    let length = end - start;
    if (ascii) {
      if (length === 1 || table.rankOfAscii(text, start, end) >= 0) return 1;
      for (let i = start; i < end; i++) bytes[i - start] = text.charCodeAt(i);
    } else {
      length = encodeUtf8(text, start, end, bytes);
      if (table.rankOfBytes(bytes, 0, length) >= 0) return 1;
    }
    if (end - start > MERGED_PIECE_MAX_CHARS) return merge.count(bytes, length);
    const piece = text.slice(start, end);
    let tokens = merged.get(piece);
    if (tokens === undefined) {
      tokens = merge.count(bytes, length);
      if (merged.size >= MERGED_PIECES) merged.delete(merged.keys().next().value as string);
      merged.set(piece, tokens);
    }
    return tokens;
  };

  return (text) => {
    let tokens = 0;
    let start = 0;
    while (start < text.length) {
      let end = wordEnd(text, start);
      if (end < 0) {
        anchored.lastIndex = start;
        if (anchored.test(text)) end = anchored.lastIndex;
        else {
          // Characters no alternative matches are skipped, as tiktoken's `find_iter` skips them.
          pattern.lastIndex = start;
          const next = pattern.exec(text);
          if (!next) break;
          start = next.index;
          end = start + next[0].length;
        }
      }
      tokens += countPiece(text, start, end);
      start = end;
    }
    return tokens;
  };
}

/**
 * Writes the UTF-8 bytes of `text[start, end)` into `out` (room for 3 bytes per UTF-16 unit) and returns their
 * number. A lone surrogate becomes U+FFFD, as TextEncoder (and so tiktoken's JavaScript binding) makes it.
 */
export function encodeUtf8(text: string, start: number, end: number, out: Uint8Array): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const low = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        const point = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        out[n++] = 0xf0 | (point >> 18);
        out[n++] = 0x80 | ((point >> 12) & 0x3f);
        out[n++] = 0x80 | ((point >> 6) & 0x3f);
        out[n++] = 0x80 | (point & 0x3f);
        i++;
        continue;
      }
      c = 0xfffd;
    }
    out[n++] = 0xe0 | (c >> 12);
    out[n++] = 0x80 | ((c >> 6) & 0x3f);
    out[n++] = 0x80 | (c & 0x3f);
  }
  return n;
}

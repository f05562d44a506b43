import { segmentsOf } from './segments.js';

type CountTokens = (text: string) => number;

/** After a Chinese full stop or mark, or after a Latin one and the spaces that follow it (kept with the sentence). */
const SENTENCE_END = /(?<=[。！？；]|[.!?;]\s+)/u;
const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Ever finer ways to cut a text whose pieces, concatenated, give the text back: sentences, then words (a sentence
 * over the limit), then graphemes (a word over the limit, such as a long run of CJK characters or a base64 blob).
 * None cuts a surrogate pair or a grapheme.
 */
const CUTS: ((text: string) => string[])[] = [
  (text) => text.split(SENTENCE_END),
  (text) => segmentsOf(words, text),
  (text) => segmentsOf(graphemes, text),
];

/**
 * Concatenates consecutive pieces into runs of at most `limit` tokens, each as long as it can be. The sum of the
 * pieces' counts is kept while it fits: it over-counts (tokens merge across pieces), so the exact count of the run
 * decides only when the sum says the next piece does not fit.
 */
function pack(pieces: string[], limit: number, countTokens: CountTokens): string[] {
  const runs: string[] = [];
  let run = '';
  let tokens = 0;
  for (const piece of pieces) {
    const size = countTokens(piece);
    if (run && tokens + size > limit) {
      const exact = countTokens(run + piece);
      if (exact > limit) {
        runs.push(run);
        run = piece;
        tokens = size;
      } else {
        run += piece;
        tokens = exact;
      }
    } else {
      run += piece;
      tokens += size;
    }
  }
  if (run) runs.push(run);
  return runs;
}

/** A text cut at the coarsest level that fits, in runs of at most `limit` tokens (only a lone grapheme may exceed). */
function fit(text: string, limit: number, countTokens: CountTokens, level = 0): string[] {
  const cut = CUTS[level];
  if (!cut || countTokens(text) <= limit) return [text];
  const pieces = cut(text).flatMap((piece) => fit(piece, limit, countTokens, level + 1));
  return pack(pieces, limit, countTokens);
}

/**
 * Groups paragraphs into parts of at most `limit` tokens (counting the blank lines that join them). A paragraph over
 * the limit is cut at sentence ends, a sentence over it between words, a word over it between graphemes; the text of
 * the pieces is the paragraph's, but for the spaces at the cuts. Returns one part when all fit.
 */
export function splitByTokens(paragraphs: string[], limit: number, countTokens: CountTokens): string[][] {
  const pieces = paragraphs.flatMap((paragraph) =>
    fit(paragraph, limit, countTokens)
      .map((piece) => piece.trim())
      .filter((piece) => piece.length > 0),
  );
  const separator = countTokens('\n\n');
  const parts: string[][] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const piece of pieces) {
    const size = countTokens(piece);
    if (current.length > 0 && tokens + separator + size > limit) {
      parts.push(current);
      current = [];
      tokens = 0;
    }
    tokens += (current.length > 0 ? separator : 0) + size;
    current.push(piece);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** Text helpers shared by the reference-based scorers. */

const ARTICLES = /\b(?:a|an|the)\b/g;

/** NFKC, lower case, punctuation and symbols removed, English articles dropped, whitespace collapsed (SQuAD-style). */
export function normalizeAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(ARTICLES, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export type ChineseTokens = 'char' | 'word';

const CHAR_TOKENS = /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|[\p{L}\p{N}]+/gu;
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;

/**
 * Tokens of a normalised answer. Latin-script text splits on words; Chinese (and Japanese kana) never rely on
 * whitespace: one token per character (`char`) or dictionary words from Intl.Segmenter (`word`).
 */
export function answerTokens(text: string, chinese: ChineseTokens = 'char'): string[] {
  const normalized = normalizeAnswer(text);
  if (chinese === 'char' || !HAN.test(normalized)) return normalized.match(CHAR_TOKENS) ?? [];
  const tokens: string[] = [];
  for (const { segment, isWordLike } of wordSegmenter.segment(normalized)) if (isWordLike) tokens.push(segment);
  return tokens;
}

/** Counts of each distinct value. */
export function countValues(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

const WORD_OR_HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]+/gu;
const HAN_LIKE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Terms for similarity: lower-cased words for alphabetic scripts, and character bigrams (a lone character stays a
 * unigram) for Chinese, Japanese and Korean runs, which have no spaces between words.
 */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD_OR_HAN)) {
    const run = match[0];
    if (!HAN_LIKE.test(run)) {
      out.push(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** Token-level F1 between two texts over `terms` (the overlap measure of the sandbox judge). */
export function overlapF1(candidate: string, reference: string): number {
  const a = terms(candidate);
  const b = terms(reference);
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const term of b) counts.set(term, (counts.get(term) ?? 0) + 1);
  let common = 0;
  for (const term of a) {
    const left = counts.get(term) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(term, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / a.length;
  const recall = common / b.length;
  return (2 * precision * recall) / (precision + recall);
}

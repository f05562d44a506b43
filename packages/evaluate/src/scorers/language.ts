import { passFail, pointScorer } from './point-scorer.js';
import type { PointScorer } from './types.js';

const SCRIPTS: [language: string, pattern: RegExp][] = [
  ['ja', /[\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ['zh', /\p{Script=Han}/gu],
  ['ko', /\p{Script=Hangul}+/gu],
  ['ru', /\p{Script=Cyrillic}+/gu],
  ['ar', /\p{Script=Arabic}+/gu],
  ['en', /\p{Script=Latin}+/gu],
];

/**
 * The language of a text by Unicode script: Han and kana count per character (about one word each), alphabetic
 * scripts per word; the script with the most units wins, and kana at ≥ 10% of units makes it Japanese. Latin is
 * reported as `en`. `und` when there are no letters.
 */
export function detectLanguage(text: string): string {
  const counts = new Map(SCRIPTS.map(([language, pattern]) => [language, text.match(pattern)?.length ?? 0]));
  const units = [...counts.values()].reduce((a, b) => a + b, 0);
  if (units === 0) return 'und';
  if ((counts.get('ja') ?? 0) >= 0.1 * units) return 'ja';
  let best = 'und';
  let bestCount = 0;
  for (const [language, count] of counts) {
    if (language !== 'ja' && count > bestCount) [best, bestCount] = [language, count];
  }
  return best;
}

/** The output is in the expected language (or, with none given, in the reference's language). */
export function createLanguageScorer(name: string, expected?: string): PointScorer {
  const description = expected ? `output language is ${expected}` : 'output language matches the reference';
  return pointScorer(name, description, true, (item, output) => {
    const want = expected ?? detectLanguage(item.reference);
    const got = detectLanguage(output);
    return passFail(got === want, `detected ${got}, expected ${want}`);
  });
}

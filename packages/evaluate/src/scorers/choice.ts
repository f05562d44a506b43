import { passFail, pointScorer } from './point-scorer.js';
import type { PointScorer } from './types.js';

const LETTERS = '[A-H](?:\\s*[,，、和及&]?\\s*[A-H])*';
/** Tried in order; the first that matches decides. Input is NFKC-normalised (full-width letters and colons folded). */
const PATTERNS = [
  new RegExp(
    `(?:正确答案|答案|[Aa]nswer(?:\\s+is)?)\\s*(?:是|为|应为|应该是|:)?\\s*[:]?\\s*[(\\[]?(${LETTERS})(?![A-Za-z])`,
  ),
  new RegExp(`(?:选择|应选|选项|选)\\s*[(\\[]?(${LETTERS})(?![A-Za-z])`),
  new RegExp(`^\\s*[(\\[]?(${LETTERS})[)\\]]?\\s*(?:[.:、)]|$|\\s)`),
  /[(（]([A-H])[)）]/,
];

/**
 * The option letters a multiple-choice answer picks ("B", "答案：B", "选B", "(C)", "Answer: A, D"), sorted and joined
 * ("AD"); undefined when no letter can be found.
 */
export function extractChoice(text: string): string | undefined {
  const normalized = text.normalize('NFKC').trim();
  for (const pattern of PATTERNS) {
    const match = pattern.exec(normalized);
    if (match?.[1]) return [...new Set(match[1].match(/[A-H]/g))].sort().join('');
  }
  const standalone = new Set(normalized.match(/(?<![A-Za-z])[A-H](?![A-Za-z])/g) ?? []);
  return standalone.size === 1 ? [...standalone][0] : undefined;
}

export function createChoiceScorer(name: string): PointScorer {
  return pointScorer(name, 'picked option letter equals the reference', true, (item, output) => {
    const expected = extractChoice(item.reference);
    // The item cannot be scored, whatever the model said: an error, not a fail that drags the mean down.
    if (expected === undefined)
      return { score: 0, error: `no option letter found in the reference of item ${item.id}` };
    const picked = extractChoice(output);
    if (picked === undefined) return passFail(false, 'no option letter found in the output');
    return passFail(picked === expected, `picked ${picked}, expected ${expected}`);
  });
}

import type { Comparison, Finding } from '../report/report-data.js';
import { MIN_ITEMS } from './min-items.js';

/** Two-sided level below which a paired test's p counts as significant. */
export const SIGNIFICANCE = 0.05;

/**
 * What a comparison allows one to claim. "better" or "worse" needs at least MIN_ITEMS paired items, p < 0.05 and a
 * 95% interval on that side of 0 (the rank test and the interval of the mean can disagree: a few large losses against
 * many small wins). Every report, the verdict and the gate read this one rule.
 */
export function findingOf(comparison: Pick<Comparison, 'n' | 'diff' | 'ci' | 'pValue'>): Finding {
  const { n, diff, ci, pValue } = comparison;
  if (n === 0 || diff === null || ci === null) return 'no-pairs';
  if (n < MIN_ITEMS) return 'too-few-items';
  if (pValue === null || !(pValue < SIGNIFICANCE)) return 'no-significant-difference';
  if (ci.low > 0 && diff > 0) return 'better';
  if (ci.high < 0 && diff < 0) return 'worse';
  return 'no-significant-difference';
}

import type { Comparison, Finding } from '../report/report-data.js';
import { MIN_ITEMS } from './min-items.js';

/** Two-sided level below which a paired test's p counts as significant. */
export const SIGNIFICANCE = 0.05;

/**
 * The p a comparison is judged by: adjusted for the report's family of comparisons when it was (`pAdjusted`), else
 * its own (`correction: none`, or a report written before the correction).
 */
export function decidingP(comparison: Pick<Comparison, 'pValue' | 'pAdjusted'>): number | null {
  return comparison.pAdjusted !== undefined ? comparison.pAdjusted : comparison.pValue;
}

/**
 * What a comparison allows one to claim. "better" or "worse" needs at least MIN_ITEMS paired items, p < 0.05 (the
 * deciding p, see `decidingP`) and a 95% interval on that side of 0 (the rank test and the interval of the mean can
 * disagree: a few large losses against many small wins). Every report, the verdict and the gate read this one rule.
 */
export function findingOf(comparison: Pick<Comparison, 'n' | 'diff' | 'ci' | 'pValue' | 'pAdjusted'>): Finding {
  const { n, diff, ci } = comparison;
  const pValue = decidingP(comparison);
  if (n === 0 || diff === null || ci === null) return 'no-pairs';
  if (n < MIN_ITEMS) return 'too-few-items';
  if (pValue === null || !(pValue < SIGNIFICANCE)) return 'no-significant-difference';
  if (ci.low > 0 && diff > 0) return 'better';
  if (ci.high < 0 && diff < 0) return 'worse';
  return 'no-significant-difference';
}

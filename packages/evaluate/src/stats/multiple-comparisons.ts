import type { Comparison, CorrectionMethod } from '../report/report-data.js';
import { findingOf } from './finding.js';
import { holmAdjusted } from './holm.js';

/**
 * The family of one report is every comparison in it that has a p: each candidate × scorer paired test against its
 * baseline (the pairwise judge's own baseline included), since each may be called better or worse. With `holm` each
 * gets its Holm-adjusted p (`pAdjusted`) and its finding from it, so the chance that any row of the report is wrongly
 * called better or worse stays under 5%; with `none` each row is judged by its own p.
 */
export function correctForMultipleComparisons(
  comparisons: readonly Comparison[],
  method: CorrectionMethod,
): { comparisons: Comparison[]; family: number } {
  const family = comparisons.filter((c) => c.pValue !== null).length;
  if (method === 'none') return { comparisons: [...comparisons], family };
  const adjusted = holmAdjusted(comparisons.map((c) => c.pValue));
  return {
    comparisons: comparisons.map((c, i) => {
      const { wins, ties, losses, finding: _uncorrected, ...measured } = c;
      const corrected = { ...measured, pAdjusted: adjusted[i] ?? null, wins, ties, losses };
      return { ...corrected, finding: findingOf(corrected) };
    }),
    family,
  };
}

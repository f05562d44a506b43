import { decidingP } from '../stats/finding.js';
import { formatP } from './format.js';
import type { Comparison, ReportData } from './report-data.js';

type Tested = Pick<Comparison, 'pValue' | 'pAdjusted'>;

/** Whether the correction changed the p as printed ("p < 0.001" before and after is left unsaid). */
function adjusted(comparison: Tested): boolean {
  return comparison.pAdjusted != null && formatP(comparison.pAdjusted) !== formatP(comparison.pValue);
}

/** The p a comparison is judged by, named as adjusted when the correction changed it: "Holm-adjusted p = 0.060". */
export function formatDecidingP(comparison: Tested): string {
  const text = formatP(decidingP(comparison));
  return adjusted(comparison) ? `Holm-adjusted ${text}` : text;
}

/** The same with the test's own p after it: "Holm-adjusted p = 0.060 (raw p = 0.030)". */
export function formatDecidingPWithRaw(comparison: Tested): string {
  const text = formatDecidingP(comparison);
  return adjusted(comparison) ? `${text} (raw ${formatP(comparison.pValue)})` : text;
}

/** What the p values of a comparison table are, when it has more than one (plain text: renderers escape it). */
export function correctionNote(data: ReportData): string | undefined {
  const correction = data.correction;
  if (!correction || correction.family < 2) return undefined;
  const { family } = correction;
  if (correction.method !== 'holm') {
    return `p is each test's own, not adjusted for the ${family} comparisons in this table (correction: none): the more rows, the likelier one of them is called better or worse by chance.`;
  }
  const note = `p is adjusted by Holm's method for the ${family} comparisons in this table, so that the chance of wrongly calling any of them better or worse stays under 5% (each test's own p is pValue in report.json).`;
  const unsettled = data.comparisons.find(clearOfZeroYetNotSignificant);
  return unsettled
    ? `${note} The intervals are not adjusted, each is 95% on its own: one that leaves out 0 can still be no significant difference (${unsettled.candidate} on ${unsettled.scorer}).`
    : note;
}

/** An interval that leaves out 0 reads as a difference; only the adjusted p said otherwise. */
function clearOfZeroYetNotSignificant(comparison: Comparison): boolean {
  const { ci, finding, pAdjusted } = comparison;
  return pAdjusted != null && finding === 'no-significant-difference' && ci != null && (ci.low > 0 || ci.high < 0);
}

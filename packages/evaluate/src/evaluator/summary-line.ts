import { unusualIntervalWords } from '../report/interval-method.js';
import type { ReportData } from '../report/report-data.js';
import { buildVerdict, subjectComparison } from '../report/verdict.js';

/** One line for the terminal and the manifest: the gate's result, or the verdict when no gate ran. */
export function summaryLine(data: ReportData, errors: number): string {
  const parts = [`${data.items.count} items × ${data.candidates.length} candidates`];
  if (errors > 0) parts.push(`${errors} item(s) with generation errors`);
  if (data.gate) parts.push(data.gate.explanation);
  else if (data.baseline) {
    const verdict = buildVerdict(data);
    parts.push(verdict.headline.replace(/\.$/, ''));
    const words = unusualIntervalWords(subjectComparison(data, verdict)?.ciMethod);
    if (words) parts.push(`its interval: ${words}`);
  }
  if (data.meta.sandbox) parts.push('sandbox: simulated models');
  return parts.join('; ');
}

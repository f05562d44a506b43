import type { ReportData } from './report-data.js';

/**
 * The one candidate every comparison is against, or null when they are against several (a pairwise scorer may name
 * its own baseline, with or without `compare.baseline`): the tables then say against whom on each row.
 */
export function sharedBaseline(data: ReportData): string | null {
  const baselines = new Set(data.comparisons.map((c) => c.baseline));
  return baselines.size === 1 ? [...baselines][0]! : null;
}

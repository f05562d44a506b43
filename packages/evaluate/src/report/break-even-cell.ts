import { formatCount } from './format.js';

/** Break-even cell: a count, "never" (no saving per request), or "–" (no training cost or no prices to tell). */
export function formatBreakEven(entry: { trainingCostUsd?: number | null; breakEvenRequests?: number | null }): string {
  if (entry.trainingCostUsd == null || entry.breakEvenRequests === undefined) return '–';
  return entry.breakEvenRequests === null ? 'never' : formatCount(entry.breakEvenRequests);
}

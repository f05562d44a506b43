import { daysUntil, type ModelRetirement } from '@tunekit/core';

/** `serves until 2027-01-14 (48 days on; unverified)`, counted from the report's date; `retired on …` once past. */
export function servesUntil(retirement: ModelRetirement, reportDate: string): string {
  const days = daysUntil(retirement.on, new Date(reportDate));
  const trust = retirement.verified ? '' : '; unverified';
  if (days < 0) return `retired on ${retirement.on} (with ${retirement.model}${trust})`;
  return `serves until ${retirement.on} (${days} day${days === 1 ? '' : 's'} on${trust})`;
}

/** When a provider stops serving a model, and the fine-tunes built on it with it. */
export interface Retirement {
  /** YYYY-MM-DD (UTC). */
  on: string;
  /** Where the date comes from. */
  source: string;
  /** False when only a secondary source or a translated page gives it. */
  verified: boolean;
}

export interface ModelRetirement extends Retirement {
  model: string;
}

const DAY_MS = 86_400_000;

/** Whole days from `now`'s UTC date to `on` (negative once it has passed). */
export function daysUntil(on: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${on}T00:00:00Z`) - today) / DAY_MS);
}

function relativeDay(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** `gpt-4o-mini-2024-07-18 and the fine-tunes built on it retire on 2027-01-14 (in 48 days; per …, unverified)`. */
export function retirementNotice(retirement: ModelRetirement, now: Date = new Date()): string {
  const days = daysUntil(retirement.on, now);
  const verb = days >= 0 ? 'retire' : 'retired';
  const trust = retirement.verified ? '' : ', unverified';
  return `${retirement.model} and the fine-tunes built on it ${verb} on ${retirement.on} (${relativeDay(days)}; per ${retirement.source}${trust})`;
}

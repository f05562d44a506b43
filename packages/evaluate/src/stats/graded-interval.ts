import type { Interval, IntervalMethod } from '../report/report-data.js';
import { allEqualInterval } from './all-equal-interval.js';
import { bootstrapMean } from './bootstrap.js';
import { hoeffdingInterval } from './hoeffding.js';
import { MIN_ITEMS } from './min-items.js';
import { widenAtObservedExtremes } from './observed-extremes.js';
import { TIE_TOLERANCE } from './tie-tolerance.js';

export interface GradedMean {
  mean: number | null;
  ci: Interval | null;
  n: number;
  method: Extract<IntervalMethod, 'bootstrap' | 'bootstrap-widened' | 'hoeffding' | 'all-equal'>;
}

/**
 * Mean of graded values (scores in 0..1, or paired differences in −1..1) with its 95% interval: the expanded
 * percentile bootstrap from MIN_ITEMS values on (unless all are equal), widened on a side where it stops at the most
 * extreme value observed; Hoeffding's bound below MIN_ITEMS.
 */
export function gradedMeanInterval(
  values: readonly number[],
  options: { seed: number; resamples?: number; bounds: Interval },
): GradedMean {
  const n = values.length;
  if (n >= MIN_ITEMS && values.every((value) => Math.abs(value - values[0]!) <= TIE_TOLERANCE)) {
    const mean = values.reduce((sum, v) => sum + v, 0) / n;
    return { mean, ci: allEqualInterval(mean, n, options.bounds), n, method: 'all-equal' };
  }
  if (n === 0 || n >= MIN_ITEMS) {
    const { mean, ci } = bootstrapMean(values, { seed: options.seed, resamples: options.resamples ?? 2000 });
    if (ci === null) return { mean, ci, n, method: 'bootstrap' };
    const observed = extremes(values);
    const widened = widenAtObservedExtremes(ci, observed, n, options.bounds);
    return { mean, ci: widened.ci, n, method: widened.widened ? 'bootstrap-widened' : 'bootstrap' };
  }
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  return { mean, ci: hoeffdingInterval(mean, n, options.bounds), n, method: 'hoeffding' };
}

/** A loop, not Math.min(...values): tens of thousands of items would overflow the call's arguments. */
function extremes(values: readonly number[]): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}

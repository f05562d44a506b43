import type { Interval } from '../report/report-data.js';
import { widenAtObservedExtremes } from './observed-extremes.js';

/**
 * The interval of the mean of `n` values that all equal `value`, each bounded by `bounds`. A bootstrap gives the point
 * [value, value], as if no other value could ever occur. What the sample shows is that the share of items that would
 * differ is small — at most Wilson's upper bound for 0 of n, the same that 20 passes of 20 get — and an item that
 * differs moves the mean by at most the distance to a bound.
 */
export function allEqualInterval(value: number, n: number, bounds: Interval): Interval {
  return widenAtObservedExtremes({ low: value, high: value }, { min: value, max: value }, n, bounds).ci;
}

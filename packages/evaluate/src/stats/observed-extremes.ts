import type { Interval } from '../report/report-data.js';
import { TIE_TOLERANCE } from './tie-tolerance.js';
import { wilsonInterval } from './wilson.js';

/**
 * A bootstrap interval widened where it stops at the most extreme value observed. Resamples only hold values of the
 * sample, so a bound that reached the sample's minimum (or maximum) says nothing about values past it: with 58 ties
 * and 2 wins in 60 pairs the lower bound is 0, as if a loss could not happen. That none of n items went past the
 * minimum bounds the share q of items that could, as n passes of n bound the share of failures: q is at most Wilson's
 * upper bound for 0 of n. The other items lie at or above the minimum and one past it at worst at the end of the
 * scale, so the mean is at least (1 − q)·min + q·scale.low = min − q·(min − scale.low); the same holds above. When
 * every value is equal both sides are widened: the all-equal interval.
 */
export function widenAtObservedExtremes(
  ci: Interval,
  observed: { min: number; max: number },
  n: number,
  scale: Interval,
): { ci: Interval; widened: boolean } {
  const share = wilsonInterval(0, n)?.high ?? 1;
  const widenLow = reached(ci.low, observed.min) && observed.min - scale.low > TIE_TOLERANCE;
  const widenHigh = reached(ci.high, observed.max) && scale.high - observed.max > TIE_TOLERANCE;
  return {
    ci: {
      low: widenLow ? observed.min - (observed.min - scale.low) * share : ci.low,
      high: widenHigh ? observed.max + (scale.high - observed.max) * share : ci.high,
    },
    widened: widenLow || widenHigh,
  };
}

function reached(bound: number, extreme: number): boolean {
  return Math.abs(bound - extreme) <= TIE_TOLERANCE;
}

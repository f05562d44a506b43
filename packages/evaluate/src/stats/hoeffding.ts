import type { Interval } from '../report/report-data.js';

/**
 * Hoeffding's interval of the mean of `n` values that lie in [low, high]: mean ± (high − low)·√(ln(2/α) / 2n).
 * It holds for any distribution within those bounds, however few the values, at the price of width
 * (5 scores in 0..1: ±0.61). Clipped to the bounds.
 */
export function hoeffdingInterval(mean: number, n: number, bounds: Interval, level = 0.95): Interval {
  const half = (bounds.high - bounds.low) * Math.sqrt(Math.log(2 / (1 - level)) / (2 * n));
  return { low: Math.max(bounds.low, mean - half), high: Math.min(bounds.high, mean + half) };
}

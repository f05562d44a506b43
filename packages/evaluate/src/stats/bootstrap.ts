import type { Interval } from '../report/report-data.js';
import { expandedTail } from './expanded-percentile.js';
import { quantileSorted } from './quantile.js';
import { seededRandom } from './random.js';

export interface BootstrapOptions {
  seed: number;
  /** Resamples (default 2,000). */
  resamples?: number;
  /** Confidence level (default 0.95). */
  level?: number;
}

export interface MeanWithInterval {
  mean: number | null;
  ci: Interval | null;
  n: number;
}

/**
 * Mean with a seeded bootstrap interval, Hesterberg's expanded percentile one (the plain percentile interval
 * undercovers at small n). Deterministic for a given seed and input order.
 */
export function bootstrapMean(values: ArrayLike<number>, options: BootstrapOptions): MeanWithInterval {
  const n = values.length;
  if (n === 0) return { mean: null, ci: null, n };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const random = seededRandom(options.seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += values[Math.floor(random() * n)] as number;
    means[r] = total / n;
  }
  means.sort();
  const tail = expandedTail(level, n);
  return {
    mean,
    ci: { low: quantileSorted(means, tail) as number, high: quantileSorted(means, 1 - tail) as number },
    n,
  };
}

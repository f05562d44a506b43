import { normalUpperTail } from './normal.js';
import { studentTQuantile } from './student-t.js';

/**
 * The tail probability at which Hesterberg's expanded percentile interval reads the bootstrap distribution of a mean
 * of `n` values (Hesterberg 2015, "What teachers should know about the bootstrap", §5; R's resample::ExpandProbs).
 * The plain percentile interval is too narrow at small n for two reasons: bootstrap spread divides by n, not n − 1,
 * and it stands for ±z·se where ±t(n−1)·se is due. So α'/2 = Φ(−√(n/(n−1)) · t(1 − α/2, n − 1)).
 */
export function expandedTail(level: number, n: number): number {
  if (n < 2) return (1 - level) / 2;
  return normalUpperTail(Math.sqrt(n / (n - 1)) * studentTQuantile(1 - (1 - level) / 2, n - 1));
}

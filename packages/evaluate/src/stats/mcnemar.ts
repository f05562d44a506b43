import { binomialHalfCdf } from './binomial.js';

/**
 * McNemar's exact test (two-sided) from the discordant pairs: `b` items only the candidate passes, `c` items only
 * the baseline passes. p = min(1, 2·P(X ≤ min(b, c))), X ~ Binomial(b + c, 1/2) — statsmodels' `mcnemar(exact=True)`.
 * Also the sign test of the pairwise judge (wins against losses, ties dropped).
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  return Math.min(1, 2 * binomialHalfCdf(Math.min(b, c), n));
}

import { describe, expect, it } from 'vitest';
import { bootstrapMean } from './bootstrap.js';
import { expandedTail } from './expanded-percentile.js';
import { seededRandom } from './random.js';

describe('expandedTail', () => {
  // reference: R resample::ExpandProbs(0.025, n) = pnorm(qt(0.025, n - 1) * sqrt(n / (n - 1))), via scipy
  it.each([
    [6, 0.0024318031746115563],
    [10, 0.00855063902440636],
    [60, 0.02180179093392333],
  ])('n = %i reads the bootstrap distribution at %f instead of 0.025', (n, tail) => {
    expect(expandedTail(0.95, n)).toBeCloseTo(tail, 6);
  });

  it('tends to the plain percentile as n grows', () => {
    expect(expandedTail(0.95, 100_000)).toBeCloseTo(0.025, 4);
  });
});

describe('bootstrapMean at small n', () => {
  it('covers the true mean about 95% of the time on 8 uniform scores (the plain percentile: about 90%)', () => {
    const random = seededRandom(2024);
    const trials = 400;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const values = Array.from({ length: 8 }, () => random());
      const { ci } = bootstrapMean(values, { seed: t, resamples: 1000 });
      if (ci!.low <= 0.5 && 0.5 <= ci!.high) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.93);
  });
});

import { describe, expect, it } from 'vitest';
import { compareGraded } from './fixtures/compare-graded.js';
import { wilcoxonSignedRank } from './wilcoxon.js';

const zeros = (n: number) => new Array<number>(n).fill(0);
const test = (differences: number[]) => wilcoxonSignedRank(differences, zeros(differences.length));

describe('wilcoxonSignedRank', () => {
  it('matches R on Hollander & Wolfe’s depression data (wilcox.test paired: V = 40, two-sided p = 0.0390625)', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const result = wilcoxonSignedRank(x, y);
    expect(result).toMatchObject({ statistic: 40, method: 'exact', n: 9 });
    expect(result.pValue).toBeCloseTo(0.0390625, 12);
  });

  it('uses the exact distribution without ties (scipy: 0.078125)', () => {
    const result = test([3, -1, 4, 6, -2, 5, 7]);
    expect(result).toMatchObject({ statistic: 25, method: 'exact', n: 7 });
    expect(result.pValue).toBeCloseTo(0.078125, 12);
  });

  it('is exact with tied ranks: six equal wins give 2 / 2^6, not the normal 0.0143', () => {
    const result = test([1, 1, 1, 1, 1, 1]);
    expect(result).toMatchObject({ statistic: 21, method: 'exact', n: 6 });
    expect(result.pValue).toBeCloseTo(0.03125, 12);
  });

  it('drops zero differences before ranking, and counts only the others', () => {
    const result = test([0, 1, 0, 1, 1, 1, 1, 1]);
    expect(result).toMatchObject({ statistic: 21, method: 'exact', n: 6 });
    expect(result.pValue).toBeCloseTo(0.03125, 12);
    expect(test([0, 0, 0])).toMatchObject({ pValue: 1, n: 0 });
  });

  // reference: scipy.stats.wilcoxon(d, method=PermutationMethod(n_resamples=inf)), which enumerates every sign flip
  it.each([
    [[0.5, 0.25, -0.25, 0.75, 1, -0.5, 0.25, 0.5, 0.75, 0, 0.25], 46.5, 0.0625],
    [[0.2, 0.2, -0.2, 0.4, 0.4, 0.4, 0.6, -0.6, 0.8, 0.2, 1.0, 0.4], 66, 0.03515625],
  ])('agrees with scipy’s exact permutation p on tied differences %j', (differences, statistic, p) => {
    const result = test(differences);
    expect(result).toMatchObject({ statistic, method: 'exact' });
    expect(result.pValue).toBeCloseTo(p, 12);
  });

  it('agrees with a brute-force enumeration of sign flips on tied float scores', () => {
    const candidate = [0.3, 0.7, 0.5, 0.9, 0.1, 0.6, 0.6, 0.8, 0.4, 0.2, 0.7, 0.5, 1, 0.3];
    const baseline = [0.2, 0.5, 0.5, 0.6, 0.3, 0.4, 0.5, 0.5, 0.2, 0.1, 0.4, 0.7, 0.8, 0.2];
    const result = wilcoxonSignedRank(candidate, baseline);
    expect(result.method).toBe('exact');
    expect(result.pValue).toBeCloseTo(bruteForceP(candidate, baseline), 12);
  });

  it('switches to the normal approximation above 50 non-zero pairs (scipy approx on 80 pairs: p = 0.061297)', () => {
    const a = Array.from({ length: 80 }, (_, i) => (i * 7) % 11);
    const b = Array.from({ length: 80 }, (_, i) => ((i * 3) % 5) * 2);
    const result = wilcoxonSignedRank(a, b);
    expect(result.method).toBe('normal');
    expect(result.pValue).toBeCloseTo(0.061296997827279216, 6);
    const fifty = Array.from({ length: 50 }, (_, i) => ((i % 7) + 1) / (i % 3 ? 10 : -10));
    expect(test(fifty).method).toBe('exact');
    expect(test([...fifty, 0.3]).method).toBe('normal');
  });
});

/** Two-sided p by listing all 2^n sign assignments of the average ranks (independent of the subset-sum count). */
function bruteForceP(candidate: number[], baseline: number[]): number {
  const d = candidate.map((c, i) => Math.round((c - baseline[i]!) * 1e9) / 1e9).filter((v) => v !== 0);
  const size = d.map(Math.abs);
  const rank = size.map((s) => size.filter((t) => t < s).length + (size.filter((t) => t === s).length + 1) / 2);
  const observed = d.reduce((sum, v, i) => sum + (v > 0 ? rank[i]! : 0), 0);
  const centre = rank.reduce((a, r) => a + r, 0) / 2;
  let extreme = 0;
  for (let mask = 0; mask < 2 ** d.length; mask++) {
    let w = 0;
    for (let i = 0; i < d.length; i++) if (mask & (1 << i)) w += rank[i]!;
    if (Math.abs(w - centre) >= Math.abs(observed - centre) - 1e-9) extreme++;
  }
  return extreme / 2 ** d.length;
}

it('drops the differences that win / tie / loss counts as ties, so the test and the counts agree', () => {
  const c = compareGraded([0.5, 0.5, 0.5, 0.5, 0.5, 0.3 + 1e-10], [0, 0, 0, 0, 0, 0.3]);
  expect(c).toMatchObject({ wins: 5, ties: 1, losses: 0 });
  // five equal wins: 2 / 2^5, not the 2 / 2^6 of six
  expect(c.pValue).toBeCloseTo(0.0625, 12);
});

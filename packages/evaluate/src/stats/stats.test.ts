import { describe, expect, it } from 'vitest';
import { bootstrapMean, compareToBaseline, evaluateGate, mcnemarExact, quantile, summarizeScores } from './index.js';

describe('bootstrapMean', () => {
  const values = Array.from({ length: 200 }, (_, i) => ((i * 37) % 101) / 100);

  it('is deterministic for a seed and brackets the mean', () => {
    const first = bootstrapMean(values, { seed: 7 });
    const again = bootstrapMean(values, { seed: 7 });
    expect(again).toEqual(first);
    expect(first.ci!.low).toBeLessThan(first.mean!);
    expect(first.ci!.high).toBeGreaterThan(first.mean!);
    const other = bootstrapMean(values, { seed: 8 });
    expect(other.ci).not.toEqual(first.ci);
    expect(other.mean).toBe(first.mean);
  });

  it('has a width close to the normal interval ±1.96·sd/√n', () => {
    const { mean, ci } = bootstrapMean(values, { seed: 1, resamples: 4000 });
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean!) ** 2, 0) / values.length);
    const half = (1.96 * sd) / Math.sqrt(values.length);
    expect((ci!.high - ci!.low) / 2).toBeCloseTo(half, 2);
  });

  it('gives null for no values and a point for constant values', () => {
    expect(bootstrapMean([], { seed: 1 })).toEqual({ mean: null, ci: null, n: 0 });
    expect(bootstrapMean([1, 1, 1], { seed: 1 }).ci).toEqual({ low: 1, high: 1 });
  });
});

describe('mcnemarExact', () => {
  // reference values: scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue (two-sided), as statsmodels' exact McNemar
  it.each([
    [0, 5, 0.0625],
    [3, 11, 0.057373046875],
    [2, 10, 0.03857421875],
    [10, 20, 0.09873714670538905],
    [400, 500, 0.0009564441369189373],
    [0, 0, 1],
    [4, 4, 1],
  ])('b=%i c=%i → p=%f', (b, c, p) => {
    expect(mcnemarExact(b, c)).toBeCloseTo(p, 10);
  });
});

describe('summaries and comparisons', () => {
  it('never counts an error as a zero', () => {
    const summary = summarizeScores({
      candidate: 'tuned',
      scorer: 'judge',
      seed: 1,
      samples: [
        { score: 1, pass: true },
        { score: 0, error: 'judge reply is not JSON' },
        { score: null },
        { score: 0.5, pass: false },
      ],
    });
    expect(summary).toMatchObject({ mean: 0.75, n: 2, errors: 2, passRate: 0.5 });
  });

  it('compares pass/fail scorers with McNemar on the discordant pairs', () => {
    const pass = (p: boolean) => ({ score: p ? 1 : 0, pass: p });
    const candidate = [...Array(12).fill(pass(true)), ...Array(3).fill(pass(false)), ...Array(5).fill(pass(true))];
    const baseline = [...Array(12).fill(pass(false)), ...Array(3).fill(pass(true)), ...Array(5).fill(pass(true))];
    const c = compareToBaseline({
      candidate: 't',
      baseline: 'b',
      scorer: 'exact',
      kind: 'binary',
      candidateSamples: candidate,
      baselineSamples: baseline,
      seed: 3,
    });
    expect(c).toMatchObject({ n: 20, wins: 12, losses: 3, ties: 5, test: 'mcnemar-exact' });
    expect(c.diff).toBeCloseTo(9 / 20, 12);
    // 2 · P(X ≤ 3), X ~ Binomial(15, 1/2) = 2 · (1 + 15 + 105 + 455) / 2^15
    expect(c.pValue).toBeCloseTo(0.03515625, 12);
    // Newcombe's method 10 on (5, 12, 3, 0), computed by hand
    expect(c.ci!.low).toBeCloseTo(0.081174, 6);
    expect(c.ci!.high).toBeCloseTo(0.696101, 6);
  });

  it('pairs only items both candidates have scores for', () => {
    const c = compareToBaseline({
      candidate: 't',
      baseline: 'b',
      scorer: 'f1',
      kind: 'continuous',
      seed: 1,
      candidateSamples: [{ score: 0.9 }, { score: null }, { score: 0.5 }, { score: 0.7 }],
      baselineSamples: [{ score: 0.4 }, { score: 0.1 }, { score: 0.5, error: 'x' }, { score: 0.6 }],
    });
    expect(c.n).toBe(2);
    expect(c.diff).toBeCloseTo(0.3, 12);
    expect(c.test).toBe('wilcoxon-signed-rank');
  });

  it('scores the pairwise judge as (wins − losses) / n with a sign test', () => {
    const samples = [1, 1, 1, 0.5, 0, 1, 0.5, 1].map((score) => ({ score }));
    const c = compareToBaseline({
      candidate: 't',
      baseline: 'b',
      scorer: 'pairwise',
      kind: 'pairwise',
      candidateSamples: samples,
      baselineSamples: [],
      seed: 1,
    });
    expect(c).toMatchObject({ wins: 5, ties: 2, losses: 1, n: 8, test: 'pairwise-judge-sign' });
    expect(c.diff).toBeCloseTo(4 / 8, 12);
    expect(c.pValue).toBeCloseTo(mcnemarExact(5, 1), 12);
  });
});

describe('evaluateGate', () => {
  const comparison = (candidate: string, low: number, high: number) => ({
    candidate,
    baseline: 'gpt-4o',
    scorer: 'judge',
    n: 100,
    diff: (low + high) / 2,
    ci: { low, high },
    test: 'wilcoxon-signed-rank' as const,
    pValue: 0.01,
    wins: 1,
    ties: 1,
    losses: 1,
  });

  it('non-inferiority passes when the lower bound is above −margin', () => {
    const gate = evaluateGate(
      { metric: 'judge', non_inferiority_margin: 0.02 },
      'gpt-4o',
      [comparison('tuned', -0.015, 0.03)],
      ['tuned'],
    );
    expect(gate).toMatchObject({ passed: true, kind: 'non_inferiority' });
    expect(gate.explanation).toContain('−0.015 > −0.02');
  });

  it('non-inferiority fails when the lower bound reaches −margin', () => {
    const gate = evaluateGate(
      { metric: 'judge', non_inferiority_margin: 0.02 },
      'gpt-4o',
      [comparison('tuned', -0.02, 0.01)],
      ['tuned'],
    );
    expect(gate.passed).toBe(false);
  });

  it('improvement needs the lower bound above min_improvement, for every gated candidate', () => {
    const comparisons = [comparison('tuned', 0.06, 0.1), comparison('base', 0.01, 0.2)];
    expect(evaluateGate({ metric: 'judge', min_improvement: 0.05 }, 'gpt-4o', comparisons, ['tuned']).passed).toBe(
      true,
    );
    const both = evaluateGate({ metric: 'judge', min_improvement: 0.05 }, 'gpt-4o', comparisons, ['tuned', 'base']);
    expect(both.passed).toBe(false);
    expect(both.checks.map((c) => c.passed)).toEqual([true, false]);
  });

  it('fails without paired scores for the metric', () => {
    const gate = evaluateGate(
      { metric: 'exact', non_inferiority_margin: 0.02 },
      'gpt-4o',
      [comparison('tuned', 0, 1)],
      ['tuned'],
    );
    expect(gate.passed).toBe(false);
    expect(gate.checks[0]!.explanation).toContain('no paired exact scores');
  });
});

it('quantile interpolates like numpy', () => {
  expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  expect(quantile([10, 1, 5], 0.95)).toBeCloseTo(9.5, 12);
  expect(quantile([], 0.5)).toBeNull();
});

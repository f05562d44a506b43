import { describe, expect, it } from 'vitest';
import { compareToBaseline, evaluateGate, type ScoreSample, summarizeScores } from './index.js';
import { pairedProportionDifference } from './paired-proportions.js';
import { wilsonInterval } from './wilson.js';

const pass = (p: boolean) => ({ score: p ? 1 : 0, pass: p });

describe('wilsonInterval', () => {
  // Newcombe 1998, "Two-sided confidence intervals for the single proportion", Table II, method 3 (Wilson, no correction)
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i: [%f, %f] as published', (successes, n, low, high) => {
    const ci = wilsonInterval(successes, n)!;
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  it('matches the closed form (17 of 20: [0.6396, 0.9476]) and stays wide when all pass', () => {
    const some = wilsonInterval(17, 20)!;
    expect(some.low).toBeCloseTo(0.639581, 5);
    expect(some.high).toBeCloseTo(0.947631, 5);
    // all pass: the lower bound is n / (n + z²) = 20 / 23.8415
    const all = wilsonInterval(20, 20)!;
    expect(all.low).toBeCloseTo(0.838875, 5);
    expect(all.high).toBe(1);
    expect(wilsonInterval(0, 2)).toEqual({ low: 0, high: expect.closeTo(0.65762, 5) });
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('pairedProportionDifference', () => {
  it('agrees with Fagerland et al. on Cavo 2012 (59, 6, 16, 80): −0.0621 [−0.1186, −0.0046]', () => {
    const ci = pairedProportionDifference({ both: 59, onlyCandidate: 6, onlyBaseline: 16, neither: 80 })!;
    expect(ci.low).toBeCloseTo(-0.1186, 4);
    expect(ci.high).toBeCloseTo(-0.0046, 4);
  });

  // Hand computations of method 10: from the Wilson intervals l1..u1 of the candidate's and l2..u2 of the baseline's
  // rate, low = d − √((p1 − l1)² − 2φ(p1 − l1)(u2 − p2) + (u2 − p2)²), high likewise with (u1 − p1) and (p2 − l2).
  it('30 wins of 30: φ = 0, low = 1 − √((1 − 0.886527)² + 0.113473²) = 0.839468', () => {
    expect(pairedProportionDifference({ both: 0, onlyCandidate: 0, onlyBaseline: 0, neither: 0 })).toBeNull();
    const ci = pairedProportionDifference({ both: 0, onlyCandidate: 30, onlyBaseline: 0, neither: 0 })!;
    expect(ci.low).toBeCloseTo(0.839468, 6);
    expect(ci.high).toBe(1);
  });

  it('with a negative φ (5, 12, 3, 0): 0.45 [0.081174, 0.696101]', () => {
    const ci = pairedProportionDifference({ both: 5, onlyCandidate: 12, onlyBaseline: 3, neither: 0 })!;
    expect(ci.low).toBeCloseTo(0.081174, 6);
    expect(ci.high).toBeCloseTo(0.696101, 6);
  });

  it('on Bentur et al.’s 21 pairs (1, 1, 7, 12): −0.2857 [−0.5069, −0.0256]', () => {
    const ci = pairedProportionDifference({ both: 1, onlyCandidate: 1, onlyBaseline: 7, neither: 12 })!;
    expect(ci.low).toBeCloseTo(-0.50692, 5);
    expect(ci.high).toBeCloseTo(-0.025559, 5);
  });
});

const compareWith = (kind: 'binary' | 'pairwise', candidateSamples: ScoreSample[], baselineSamples: ScoreSample[]) =>
  compareToBaseline({
    candidate: 'tuned',
    baseline: 'base',
    scorer: kind,
    kind,
    candidateSamples,
    baselineSamples,
    seed: 7,
  });

describe('pass/fail scorers on few items', () => {
  const compare = (candidate: boolean[], baseline: boolean[]) =>
    compareWith('binary', candidate.map(pass), baseline.map(pass));

  it('two wins out of two do not make a point interval nor pass a 0.5 improvement gate', () => {
    const c = compare([true, true], [false, false]);
    expect(c.diff).toBe(1);
    // Wilson(2, 2) = [0.342372, 1], Wilson(0, 2) = [0, 0.657628], φ = 0: low = 1 − √2 · 0.657628
    expect(c.ci!.high).toBe(1);
    expect(c.ci!.low).toBeCloseTo(0.069985, 6);
    const gate = evaluateGate({ metric: 'exact', min_improvement: 0.5 }, 'base', [c], ['tuned']);
    expect(gate.passed).toBe(false);
  });

  it('four ties where both pass do not prove non-inferiority within 0.05', () => {
    const c = compare([true, true, true, true], [true, true, true, true]);
    expect(c.diff).toBe(0);
    // Wilson(4, 4) = [0.510109, 1] for both, φ = 0 (a constant margin): ±(1 − 0.510109)
    expect(c.ci!.low).toBeCloseTo(-0.489891, 6);
    expect(c.ci!.high).toBeCloseTo(0.489891, 6);
    expect(evaluateGate({ metric: 'exact', non_inferiority_margin: 0.05 }, 'base', [c], ['tuned']).passed).toBe(false);
  });

  it('a summary of all passes has a Wilson interval, not [1, 1]', () => {
    const summary = summarizeScores({
      candidate: 'tuned',
      scorer: 'exact',
      samples: [pass(true), pass(true), pass(true), { score: null, error: 'x' }],
      seed: 7,
      binary: true,
    });
    expect(summary).toMatchObject({ mean: 1, n: 3, errors: 1, passRate: 1 });
    // 3 of 3: n / (n + z²) = 3 / 6.841459
    expect(summary.ci!.low).toBeCloseTo(0.438503, 6);
    expect(summary.ci!.high).toBe(1);
  });
});

describe('the pairwise judge on few items', () => {
  it('three wins out of three do not make a point interval', () => {
    const c = compareWith('pairwise', [{ score: 1 }, { score: 1 }, { score: 1 }], []);
    expect(c).toMatchObject({ n: 3, diff: 1, wins: 3, ties: 0, losses: 0 });
    // Wilson(3, 3) = [0.438503, 1], Wilson(0, 3) = [0, 0.561497], φ = 0: low = 1 − √2 · 0.561497
    expect(c.ci!.high).toBe(1);
    expect(c.ci!.low).toBeCloseTo(0.205923, 6);
  });
});

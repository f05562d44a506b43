import { describe, expect, it } from 'vitest';
import { compareToBaseline, evaluateGate, type ScoreSample, summarizeScores } from './index.js';
import { pairedProportionDifference } from './paired-proportions.js';
import { wilsonInterval } from './wilson.js';

const pass = (p: boolean) => ({ score: p ? 1 : 0, pass: p });

describe('wilsonInterval', () => {
  it('matches the closed form (17 of 20: [0.6396, 0.9476]) and stays wide when all pass', () => {
    const some = wilsonInterval(17, 20)!;
    expect(some.low).toBeCloseTo(0.639581, 5);
    expect(some.high).toBeCloseTo(0.947631, 5);
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

  it('is null without pairs and inside [−1, 1] at the extremes', () => {
    expect(pairedProportionDifference({ both: 0, onlyCandidate: 0, onlyBaseline: 0, neither: 0 })).toBeNull();
    const ci = pairedProportionDifference({ both: 0, onlyCandidate: 30, onlyBaseline: 0, neither: 0 })!;
    expect(ci.high).toBe(1);
    expect(ci.low).toBeGreaterThan(0.8);
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
    expect(c.ci!.high).toBe(1);
    expect(c.ci!.low).toBeCloseTo(0.07, 3);
    const gate = evaluateGate({ metric: 'exact', min_improvement: 0.5 }, 'base', [c], ['tuned']);
    expect(gate.passed).toBe(false);
  });

  it('four ties where both pass do not prove non-inferiority within 0.05', () => {
    const c = compare([true, true, true, true], [true, true, true, true]);
    expect(c.diff).toBe(0);
    expect(c.ci!.low).toBeLessThan(-0.05);
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
    expect(summary.ci!.low).toBeCloseTo(wilsonInterval(3, 3)!.low, 12);
    expect(summary.ci!.high).toBe(1);
  });
});

describe('the pairwise judge on few items', () => {
  it('three wins out of three do not make a point interval', () => {
    const c = compareWith('pairwise', [{ score: 1 }, { score: 1 }, { score: 1 }], []);
    expect(c).toMatchObject({ n: 3, diff: 1, wins: 3, ties: 0, losses: 0 });
    expect(c.ci!.high).toBe(1);
    expect(c.ci!.low).toBeLessThan(0.5);
  });
});

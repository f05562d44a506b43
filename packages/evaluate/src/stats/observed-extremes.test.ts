import { describe, expect, it } from 'vitest';
import { bootstrapMean } from './bootstrap.js';
import { compareGraded, scores } from './fixtures/compare-graded.js';
import { evaluateGate } from './gate.js';
import { summarizeScores } from './summarize.js';

const repeat = (value: number, count: number) => Array<number>(count).fill(value);
// Wilson's upper bound for 0 of 60: z² / (60 + z²) = 3.841459 / 63.841459
const SHARE_60 = 0.060172;

describe('a bootstrap bound that stops at the most extreme value observed', () => {
  // 60 pairs: 58 ties and 2 wins by 1, not one loss
  const tuned = [1, 1, ...repeat(0, 58)];
  const base = repeat(0, 60);

  it('is widened by the share of items that could go past it times the distance to the end of the scale', () => {
    const c = compareGraded(tuned, base);
    expect(c).toMatchObject({ n: 60, wins: 2, ties: 58, losses: 0, ciMethod: 'bootstrap-widened' });
    expect(c.diff).toBeCloseTo(2 / 60, 12);
    // no resample goes below the smallest difference, 0: a loss of up to 1 on up to 6.0% of items is not ruled out
    expect(c.ci!.low).toBeCloseTo(0 - 1 * SHARE_60, 6);
    // the upper bound did not reach the largest difference (+1): the bootstrap's own
    const differences = tuned.map((value, i) => value - base[i]!);
    expect(c.ci!.high).toBe(bootstrapMean(differences, { seed: 7 }).ci!.high);
  });

  it('lets no non-inferiority gate pass on losses never observed', () => {
    const c = compareGraded(tuned, base);
    const gate = evaluateGate({ metric: 'f1', non_inferiority_margin: 0.02 }, 'base', [c], ['tuned']);
    expect(gate.passed).toBe(false);
    expect(gate.checks[0]!.explanation).toBe(
      'tuned: lower bound −0.06 (bootstrap widened past the most extreme value observed) ≤ −0.02: cannot claim not worse than base by more than 0.02',
    );
  });

  it('widens the upper side of a score the same way: 58 scores of 0.5 and 2 of 0', () => {
    const summary = summarizeScores({
      candidate: 't',
      scorer: 'judge',
      samples: scores([0, 0, ...repeat(0.5, 58)]),
      seed: 7,
    });
    expect(summary.ciMethod).toBe('bootstrap-widened');
    expect(summary.ci!.high).toBeCloseTo(0.5 + 0.5 * SHARE_60, 6);
    expect(summary.ci!.low).toBeLessThan(0.5);
  });

  it('leaves a bound at the end of the scale alone: nothing lies past it', () => {
    const summary = summarizeScores({
      candidate: 't',
      scorer: 'judge',
      samples: scores([1, 1, ...repeat(0, 58)]),
      seed: 7,
    });
    expect(summary.ciMethod).toBe('bootstrap');
    expect(summary.ci!.low).toBe(0);
  });

  it('leaves a bootstrap that did not reach an extreme alone', () => {
    const c = compareGraded([0.9, 0.8, 0.7, 0.9, 0.6, 0.8, 0.7, 0.5], [0.5, 0.6, 0.7, 0.4, 0.6, 0.3, 0.8, 0.5]);
    expect(c.ciMethod).toBe('bootstrap');
  });
});

import { describe, expect, it } from 'vitest';
import { compareGraded, scores } from './fixtures/compare-graded.js';
import { hoeffdingInterval } from './hoeffding.js';
import { summarizeScores } from './summarize.js';

describe('hoeffdingInterval', () => {
  it('is mean ± range·√(ln(2/α) / 2n), clipped to the bounds', () => {
    // 4 scores in 0..1: √(ln 40 / 8) = 0.679050
    expect(hoeffdingInterval(0.75, 4, { low: 0, high: 1 })).toEqual({ low: expect.closeTo(0.07095, 5), high: 1 });
    // 5 differences in −1..1: 2·√(ln 40 / 10) = 1.214723
    const wide = hoeffdingInterval(-0.5, 5, { low: -1, high: 1 });
    expect(wide).toEqual({ low: -1, high: expect.closeTo(0.714723, 5) });
  });
});

describe('graded scorers on fewer than 6 items', () => {
  it('give Hoeffding’s interval, and say so, instead of a bootstrap of 4 values', () => {
    const summary = summarizeScores({ candidate: 't', scorer: 'f1', samples: scores([0.6, 0.7, 0.8, 0.9]), seed: 7 });
    expect(summary).toMatchObject({ n: 4, ciMethod: 'hoeffding' });
    expect(summary.mean).toBeCloseTo(0.75, 12);
    expect(summary.ci!.low).toBeCloseTo(0.07095, 5);
    expect(summary.ci!.high).toBe(1);
  });

  it('give Hoeffding’s interval to a paired difference of 5 items', () => {
    const c = compareGraded([0.9, 0.8, 0.9, 0.7, 0.8], [0.1, 0.2, 0.1, 0.3, 0.2]);
    expect(c).toMatchObject({ n: 5, ciMethod: 'hoeffding' });
    expect(c.diff).toBeCloseTo(0.64, 12);
    expect(c.ci!.low).toBeCloseTo(0.64 - 1.214723, 5);
    expect(c.ci!.high).toBe(1);
  });

  it('bootstrap from 6 items on', () => {
    const summary = summarizeScores({
      candidate: 't',
      scorer: 'f1',
      samples: scores([0.5, 0.6, 0.7, 0.8, 0.9, 1]),
      seed: 7,
    });
    expect(summary.ciMethod).toBe('bootstrap');
    expect(summary.ci!.high - summary.ci!.low).toBeLessThan(0.5);
  });

  it('leave pass/fail scorers to Wilson, whatever the count', () => {
    const samples = [true, true, false].map((pass) => ({ score: pass ? 1 : 0, pass }));
    const summary = summarizeScores({ candidate: 't', scorer: 'exact', samples, seed: 7, binary: true });
    expect(summary.ciMethod).toBe('wilson');
  });
});

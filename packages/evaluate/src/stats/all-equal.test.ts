import { describe, expect, it } from 'vitest';
import { compareGraded, scores } from './fixtures/compare-graded.js';
import { evaluateGate } from './gate.js';
import { summarizeScores } from './summarize.js';

describe('graded values that are all equal', () => {
  it('get the interval 20 passes of 20 get, not the point a bootstrap gives', () => {
    const summary = summarizeScores({ candidate: 't', scorer: 'judge', samples: scores(Array(20).fill(1)), seed: 7 });
    expect(summary).toMatchObject({ mean: 1, n: 20, ciMethod: 'all-equal' });
    // Wilson's upper bound of 0 of 20 differing is z² / (20 + z²) = 0.161125
    expect(summary.ci!.low).toBeCloseTo(0.838875, 6);
    expect(summary.ci!.high).toBe(1);
    const middle = summarizeScores({ candidate: 't', scorer: 'f1', samples: scores(Array(8).fill(0.5)), seed: 7 });
    // 8 items: share 0.324408, and a score of 0.5 can move by 0.5 either way
    expect(middle.ci!.low).toBeCloseTo(0.5 - 0.5 * 0.324408, 6);
    expect(middle.ci!.high).toBeCloseTo(0.5 + 0.5 * 0.324408, 6);
  });

  it('do not let 60 tied items prove non-inferiority within 0.02', () => {
    const same = Array.from({ length: 60 }, (_, i) => (i % 5) / 4);
    const c = compareGraded(same, same);
    expect(c).toMatchObject({ diff: 0, n: 60, ties: 60, ciMethod: 'all-equal', pValue: 1 });
    // z² / (60 + z²) = 0.060172: up to 6% of items could differ, each by as much as 1
    expect(c.ci!.low).toBeCloseTo(-0.060172, 6);
    expect(c.ci!.high).toBeCloseTo(0.060172, 6);
    expect(evaluateGate({ metric: 'f1', non_inferiority_margin: 0.02 }, 'base', [c], ['tuned']).passed).toBe(false);
  });

  it('count as equal through float noise (0.3 − 0.2 against 0.1 − 0)', () => {
    const c = compareGraded([0.3, 0.1, 0.7, 0.9, 0.3, 0.1], [0.2, 0, 0.6, 0.8, 0.2, 0]);
    expect(c.ciMethod).toBe('all-equal');
    expect(c.ci!.low).toBeLessThan(0);
  });
});

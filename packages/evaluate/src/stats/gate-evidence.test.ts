import { describe, expect, it } from 'vitest';
import type { Comparison } from '../report/report-data.js';
import { findingOf } from './finding.js';
import { evaluateGate } from './gate.js';

const comparison = (n: number, pValue: number, low: number, high: number, diff = (low + high) / 2): Comparison => ({
  candidate: 'tuned',
  baseline: 'base',
  scorer: 'f1',
  n,
  diff,
  ci: { low, high },
  test: 'wilcoxon-signed-rank',
  pValue,
  wins: n,
  ties: 0,
  losses: 0,
});
const improve = (c: Comparison) => evaluateGate({ metric: 'f1', min_improvement: 0.05 }, 'base', [c], ['tuned']);
const noWorse = (c: Comparison) => evaluateGate({ metric: 'f1', non_inferiority_margin: 0.5 }, 'base', [c], ['tuned']);

describe('findingOf', () => {
  it('claims better or worse only with 6 pairs, p < 0.05 and the interval on that side of 0', () => {
    expect(findingOf(comparison(6, 0.03125, 0.1, 0.5))).toBe('better');
    expect(findingOf(comparison(60, 0.001, -0.3, -0.1))).toBe('worse');
    expect(findingOf(comparison(5, 0.001, 0.1, 0.5))).toBe('too-few-items');
    expect(findingOf(comparison(60, 0.05, 0.1, 0.5))).toBe('no-significant-difference');
    expect(findingOf(comparison(60, 0.01, -0.01, 0.2))).toBe('no-significant-difference');
    expect(findingOf(comparison(60, 0.01, 0.01, 0.2, -0.02))).toBe('no-significant-difference');
    expect(findingOf({ n: 0, diff: null, ci: null, pValue: null })).toBe('no-pairs');
  });
});

describe('a gate on few items or without significance', () => {
  it.each([
    [
      '5 pairs, whatever the interval says',
      comparison(5, 0.01, 0.2, 0.9),
      'tuned: too few items to tell (5 paired, at least 6 needed): cannot claim better than base by more than 0.05',
    ],
    [
      'an interval that clears it but a test that is not significant',
      comparison(40, 0.07, 0.06, 0.3),
      'tuned: no significant difference (p = 0.070, n = 40): cannot claim better than base by more than 0.05',
    ],
  ])('fails min_improvement on %s', (_, c, explanation) => {
    const gate = improve(c);
    expect(gate.passed).toBe(false);
    expect(gate.checks[0]!.explanation).toBe(explanation);
  });

  it('fails non-inferiority on 5 pairs too', () => {
    const gate = noWorse(comparison(5, 1, -0.2, 0.3));
    expect(gate.passed).toBe(false);
    expect(gate.checks[0]!.explanation).toContain('too few items to tell (5 paired, at least 6 needed)');
  });

  it('passes min_improvement with 6 pairs, p < 0.05 and the lower bound above it', () => {
    expect(improve(comparison(6, 0.03125, 0.06, 0.3)).passed).toBe(true);
  });

  it('keeps non-inferiority on the interval alone from 6 pairs on (it is no claim of a difference)', () => {
    expect(noWorse(comparison(6, 1, -0.4, 0.4)).passed).toBe(true);
  });
});

describe('the gate’s explanation', () => {
  it('shows the digits that tell the lower bound from the threshold', () => {
    expect(noWorse({ ...comparison(40, 1, -0.4999, 0.3) }).checks[0]!.explanation).toContain(
      'lower bound −0.4999 > −0.5',
    );
    const zero = evaluateGate(
      { metric: 'f1', min_improvement: 0 },
      'base',
      [comparison(40, 0.01, 0.0003, 0.2)],
      ['tuned'],
    );
    expect(zero.checks[0]!.explanation).toBe('tuned: lower bound 0.0003 > 0: better than base by more than 0');
  });
});

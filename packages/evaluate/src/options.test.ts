import { describe, expect, it } from 'vitest';
import { evaluateOptionsSchema } from './options.js';

describe('evaluate options', () => {
  it('refuses a gate on a metric no scorer has, before any model is called', () => {
    const parsed = evaluateOptionsSchema.safeParse({
      candidates: [
        { name: 'tuned', model: 'ft:gpt-4o-mini-2024-07-18:o::x' },
        { name: 'base', model: 'gpt-4o' },
      ],
      scorers: ['exact', { judge: { rubric: 'Is it right?' }, name: 'legal' }],
      compare: { baseline: 'base', gate: { metric: 'exatc', non_inferiority_margin: 0.02 } },
    });
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['compare', 'gate', 'metric'],
      message: 'no scorer is named "exatc" — did you mean `exact`? (scorers: exact, legal)',
    });
  });
});

it('refuses a negative min_improvement: a tolerated loss is a non-inferiority margin', () => {
  const parsed = evaluateOptionsSchema.safeParse({
    candidates: [
      { name: 'tuned', model: 'ft:gpt-4o-mini-2024-07-18:o::x' },
      { name: 'base', model: 'gpt-4o' },
    ],
    compare: { baseline: 'base', gate: { metric: 'exact', min_improvement: -0.05 } },
  });
  expect(parsed.error?.issues[0]).toMatchObject({
    path: ['compare', 'gate', 'min_improvement'],
    message: 'min_improvement must be 0 or more (to accept a loss, give non_inferiority_margin instead)',
  });
});

it('refuses a gate on a pairwise judge with a baseline of its own: the gate reads comparisons against compare.baseline', () => {
  const section = (own: string | undefined) => ({
    candidates: [
      { name: 'tuned', model: 'ft:gpt-4o-mini-2024-07-18:o::x' },
      { name: 'gpt-4o', model: 'gpt-4o' },
      { name: 'base', model: 'gpt-4o-mini' },
    ],
    scorers: [{ pairwise: { ...(own ? { baseline: own } : {}) }, name: 'h2h' }],
    compare: { baseline: 'gpt-4o', gate: { metric: 'h2h', non_inferiority_margin: 0.1 } },
  });
  expect(evaluateOptionsSchema.safeParse(section('base')).error?.issues[0]).toMatchObject({
    path: ['compare', 'gate', 'metric'],
    message:
      'scorer "h2h" judges against "base", not the baseline "gpt-4o": the gate reads comparisons against compare.baseline (gate on another scorer, or drop the scorer\'s own baseline)',
  });
  expect(evaluateOptionsSchema.safeParse(section('gpt-4o')).success).toBe(true);
  expect(evaluateOptionsSchema.safeParse(section(undefined)).success).toBe(true);
});

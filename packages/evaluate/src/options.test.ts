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

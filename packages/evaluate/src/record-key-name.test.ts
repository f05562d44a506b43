import { describe, expect, it } from 'vitest';
import { evaluateOptionsSchema } from './options.js';

describe('names that key report objects', () => {
  it('refuses "__proto__" as a candidate or scorer name, which would drop its results from every report', () => {
    const candidate = evaluateOptionsSchema.safeParse({ candidates: [{ name: '__proto__', model: 'gpt-4o' }] });
    expect(candidate.error?.issues[0]).toMatchObject({ path: ['candidates', 0, 'name'] });
    const scorer = evaluateOptionsSchema.safeParse({
      candidates: [{ name: 'a', model: 'gpt-4o' }],
      scorers: [{ regex: 'Y', name: '__proto__' }],
    });
    expect(scorer.success).toBe(false);
    expect(evaluateOptionsSchema.safeParse({ candidates: [{ name: 'constructor', model: 'gpt-4o' }] }).success).toBe(
      true,
    );
  });
});

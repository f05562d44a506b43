import { describe, expect, it } from 'vitest';
import { daysUntil, retirementNotice } from './model-retirement.js';

const retirement = {
  model: 'gpt-4o-mini-2024-07-18',
  on: '2027-01-14',
  source: "OpenAI's deprecations page",
  verified: false,
};

describe('retirementNotice', () => {
  it('counts whole UTC days, whatever the hour', () => {
    expect(daysUntil('2027-01-14', new Date('2026-11-27T23:59:00Z'))).toBe(48);
    expect(daysUntil('2027-01-14', new Date('2026-11-27T00:00:00Z'))).toBe(48);
    expect(daysUntil('2027-01-14', new Date('2027-01-16T08:00:00Z'))).toBe(-2);
  });

  it('says how far off the date is, or how long ago it passed, and how sure it is', () => {
    expect(retirementNotice(retirement, new Date('2026-11-27T12:00:00Z'))).toBe(
      "gpt-4o-mini-2024-07-18 and the fine-tunes built on it retire on 2027-01-14 (in 48 days; per OpenAI's deprecations page, unverified)",
    );
    expect(retirementNotice({ ...retirement, verified: true }, new Date('2027-01-13T12:00:00Z'))).toBe(
      "gpt-4o-mini-2024-07-18 and the fine-tunes built on it retire on 2027-01-14 (tomorrow; per OpenAI's deprecations page)",
    );
    expect(retirementNotice(retirement, new Date('2027-02-01T12:00:00Z'))).toMatch(
      /built on it retired on 2027-01-14 \(18 days ago;/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { AdaptiveLimit } from './adaptive-limit.js';

describe('AdaptiveLimit', () => {
  it('halves on a 429 once per cool-down and climbs back one slot per window of successes', () => {
    const limit = new AdaptiveLimit(16, 1000);
    limit.onRateLimited(5000);
    limit.onRateLimited(5100); // same burst: ignored
    expect(limit.concurrency).toBe(8);
    limit.onRateLimited(6500);
    expect(limit.concurrency).toBe(4);
    for (let i = 0; i < 4; i++) limit.onSuccess();
    expect(limit.concurrency).toBe(5);
    for (let i = 0; i < 200; i++) limit.onSuccess();
    expect(limit.concurrency).toBe(16);
  });
});

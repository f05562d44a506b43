import type { BatchRequest } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { BATCH_LIMITS, requestsThatFit } from './batch-limits.js';

const request = (id: number, text: string): BatchRequest => ({
  customId: `k${id}`,
  request: { model: 'gpt-4o-mini-2024-07-18', messages: [{ role: 'user', content: text }] },
});

describe('requestsThatFit', () => {
  it('stops at the request limit', () => {
    const requests = Array.from({ length: 12 }, (_, i) => request(i, 'hi'));
    expect(requestsThatFit(requests, { requests: 10, bytes: 1e9 })).toBe(10);
    expect(requestsThatFit(requests.slice(0, 3))).toBe(3);
  });

  it('stops before the line that would pass the byte limit, counting the lines as the file holds them', () => {
    const requests = Array.from({ length: 5 }, (_, i) => request(i, '法'.repeat(100)));
    const line = `${JSON.stringify({ custom_id: 'k0', method: 'POST', url: '/v1/chat/completions', body: requests[0]!.request })}\n`;
    const size = Buffer.byteLength(line);
    expect(requestsThatFit(requests, { requests: 100, bytes: 3 * size })).toBe(3);
    expect(requestsThatFit(requests, { requests: 100, bytes: 3 * size - 1 })).toBe(2);
    expect(requestsThatFit(requests, { requests: 100, bytes: size - 1 })).toBe(0);
  });

  it('uses the Batch API limits by default', () => {
    expect(BATCH_LIMITS).toEqual({ requests: 50_000, bytes: 200_000_000 });
  });
});

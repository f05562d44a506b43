import { TunekitError } from '@tunekit/core';
import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyError, parseRetryAfter } from './classify-error.js';

const at = (endpoint: string) => ({ endpoint, keyEnv: 'OPENAI_API_KEY', keySet: true });

describe('classifyError', () => {
  it('reads retry-after-ms, retry-after seconds and HTTP dates', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({}))).toBeUndefined();
  });

  it('retries rate limits and server errors, not quota or bad requests', () => {
    const rate = classifyError(
      APIError.generate(
        429,
        { error: { code: 'rate_limit_exceeded', message: 'slow down' } },
        undefined,
        new Headers({ 'retry-after': '1' }),
      ),
      at('http://x/v1'),
      'gpt-4o',
    );
    expect(TunekitError.is(rate, 'PROVIDER_ERROR') && rate.context).toMatchObject({
      retryable: true,
      rateLimited: true,
      retryAfterMs: 1000,
    });
    const quota = classifyError(
      APIError.generate(429, { error: { code: 'insufficient_quota', message: 'no' } }, undefined, new Headers()),
      at('x'),
      'm',
    );
    expect(TunekitError.is(quota) && quota.context).toMatchObject({ retryable: false, rateLimited: false });
    const bad = classifyError(
      APIError.generate(400, { error: { message: 'bad' } }, undefined, new Headers()),
      at('x'),
      'm',
    );
    expect(TunekitError.is(bad) && bad.context.retryable).toBe(false);
    const down = classifyError(APIError.generate(503, undefined, 'unavailable', new Headers()), at('x'), 'm');
    expect(TunekitError.is(down) && down.context.retryable).toBe(true);
  });
});

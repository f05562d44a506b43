import { silentLogger, TunekitError } from '@tunekit/core';
import { APIConnectionError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { isTransient, persist, requestedWaitMs } from './retry.js';

const apiError = (status: number, code?: string, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error: { message: `failed ${status}`, code } }, undefined, new Headers(headers));

describe('retry policy', () => {
  it('retries the network, 5xx and rate limits, never insufficient_quota or client errors', () => {
    expect(isTransient(new APIConnectionError({ message: 'socket hang up' }))).toBe(true);
    expect(isTransient(apiError(503))).toBe(true);
    expect(isTransient(apiError(429, 'rate_limit_exceeded'))).toBe(true);
    expect(isTransient(apiError(429, 'insufficient_quota'))).toBe(false);
    expect(isTransient(apiError(400))).toBe(false);
    expect(isTransient(apiError(403))).toBe(false);
    expect(isTransient(new Error('bug'))).toBe(false);
  });

  it('reads retry-after-ms, retry-after in seconds and as an HTTP date', () => {
    expect(requestedWaitMs(apiError(429, undefined, { 'retry-after-ms': '250' }))).toBe(250);
    expect(requestedWaitMs(apiError(429, undefined, { 'retry-after': '2' }))).toBe(2000);
    const inThreeSeconds = new Date(Date.now() + 3000).toUTCString();
    const wait = requestedWaitMs(apiError(503, undefined, { 'retry-after': inThreeSeconds }));
    expect(wait).toBeGreaterThan(1000);
    expect(wait).toBeLessThanOrEqual(3000);
    expect(requestedWaitMs(apiError(503))).toBeUndefined();
  });

  it('persists through transient failures, honouring retry-after, and stops on others', async () => {
    let calls = 0;
    const value = await persist(
      async () => {
        calls++;
        if (calls < 3) throw apiError(503, undefined, { 'retry-after-ms': '5' });
        return 'ok';
      },
      { signal: new AbortController().signal, logger: silentLogger, what: 'testing' },
    );
    expect([value, calls]).toEqual(['ok', 3]);

    let attempts = 0;
    const failing = persist(
      async () => {
        attempts++;
        throw apiError(400);
      },
      { signal: new AbortController().signal, logger: silentLogger, what: 'testing' },
    );
    await expect(failing).rejects.toBeInstanceOf(APIError);
    expect(attempts).toBe(1);
  });

  it('gives up after the allowed attempts and ends at once on abort', async () => {
    let attempts = 0;
    const limited = persist(
      async () => {
        attempts++;
        throw apiError(500, undefined, { 'retry-after-ms': '1' });
      },
      { signal: new AbortController().signal, logger: silentLogger, what: 'testing', attempts: 3 },
    );
    await expect(limited).rejects.toBeInstanceOf(APIError);
    expect(attempts).toBe(3);

    const controller = new AbortController();
    const aborted = persist(
      async () => {
        controller.abort();
        throw apiError(503, undefined, { 'retry-after': '30' });
      },
      { signal: controller.signal, logger: silentLogger, what: 'watching' },
    );
    const error = await aborted.catch((e: unknown) => e);
    expect(TunekitError.is(error, 'ABORTED')).toBe(true);
  });
});

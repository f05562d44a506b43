import { silentLogger, TunekitError } from '@tunekit/core';
import { APIConnectionError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { ConnectionGaveUp, describe as describeError, isTransient, persist, requestedWaitMs } from './retry.js';

/** What the SDK throws when fetch fails: "Connection error." over fetch's TypeError over the system error. */
const connectionError = (cause: Error) =>
  new APIConnectionError({ message: 'Connection error.', cause: new TypeError('fetch failed', { cause }) });
const refused = () =>
  connectionError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));

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

describe('connection failures', () => {
  it('end a bounded persist in ConnectionGaveUp (what, attempts); an unbounded one keeps going', async () => {
    let attempts = 0;
    const bounded = persist(
      async () => {
        attempts++;
        throw refused();
      },
      { signal: new AbortController().signal, logger: silentLogger, what: 'looking', attempts: 3, baseDelayMs: 1 },
    );
    const error = await bounded.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionGaveUp);
    expect(error).toMatchObject({ what: 'looking', attempts: 3 });
    expect(attempts).toBe(3);

    let calls = 0;
    const patient = await persist(
      async () => {
        if (++calls < 12) throw refused();
        return 'job';
      },
      { signal: new AbortController().signal, logger: silentLogger, what: 'watching', baseDelayMs: 0 },
    );
    expect([patient, calls]).toEqual(['job', 12]);
  });

  it('a request fetch refuses to send (blocked port, URL with a login) is not retried', () => {
    expect(isTransient(connectionError(new Error('bad port')))).toBe(false);
    const login = new TypeError('Request cannot be constructed from a URL that includes credentials: http://u:p@h/v1');
    expect(isTransient(connectionError(login))).toBe(false);
    expect(isTransient(refused())).toBe(true);
  });

  it('are described by their code, and no warning quotes a password or a key', async () => {
    expect(describeError(refused())).toBe('connection refused (ECONNREFUSED)');
    expect(describeError(connectionError(new Error('bad port')))).toBe('port blocked by fetch (bad port)');
    const login = new TypeError('Request cannot be constructed from a URL that includes credentials: http://u:pw@h/v1');
    expect(describeError(connectionError(login))).toBe('fetch refuses a URL with a login in it');
    const leaky = new Error('GET https://bob:hunter2@h/v1 with Authorization: Bearer sk-proj-abcdef123 failed');
    expect(describeError(leaky)).toBe('GET https://h/v1 with Authorization: Bearer *** failed');
    expect(describeError(new Error('bad key sk-test-SECRET123'))).toBe('bad key sk-***');

    // Watching a job (no attempt limit): the warnings of every retry go through the same description.
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (m: string) => warnings.push(m) };
    const reset = Object.assign(new Error('read ECONNRESET http://bob:hunter2@h/v1'), { code: 'ECONNRESET' });
    const failures = [
      connectionError(reset),
      apiError(503, undefined, { 'retry-after-ms': '0' }),
      APIError.generate(500, { error: { message: 'upstream saw Bearer sk-test-SECRET123' } }, undefined, new Headers()),
    ];
    const value = await persist(
      async () => {
        const failure = failures.shift();
        if (failure) throw failure;
        return 'ok';
      },
      { signal: new AbortController().signal, logger, what: 'reading ftjob-1', baseDelayMs: 0 },
    );
    expect(value).toBe('ok');
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toBe('reading ftjob-1: connection reset (ECONNRESET); retrying in 0 ms');
    expect(warnings.join('\n')).not.toMatch(/hunter2|bob|SECRET/);
  });
});

import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from './index.js';
import { faultFor } from './limits/fault-plan.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: SandboxOptions, clientOptions: { apiKey?: string; maxRetries?: number } = {}) {
  sandbox = await startSandbox(options);
  return new OpenAI({
    baseURL: sandbox.baseURL,
    apiKey: clientOptions.apiKey ?? 'sk-test',
    maxRetries: clientOptions.maxRetries ?? 0,
  });
}

const ask = (client: OpenAI, content = 'What does Article 5 say?') =>
  client.chat.completions.create({ model: 'gpt-4o-mini-2024-07-18', messages: [{ role: 'user', content }] });

describe('auth, rate limits, quota and faults', () => {
  it('answers 401 in the service shape without a valid key, and never echoes the key', async () => {
    const client = await start({ apiKey: 'sk-right' }, { apiKey: 'sk-wrong-secret' });
    const error = (await ask(client).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.AuthenticationError>;
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error.code).toBe('invalid_api_key');
    expect(error.message).not.toContain('sk-wrong-secret');
    const raw = await fetch(`${sandbox!.baseURL}/models`);
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual({
      error: {
        message: expect.stringContaining("didn't provide an API key"),
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
    const right = new OpenAI({ baseURL: sandbox!.baseURL, apiKey: 'sk-right', maxRetries: 0 });
    expect((await ask(right)).choices[0]!.message.content).toBe('What does Article 5 say?');
  });

  it('limits requests per simulated minute with 429 rate_limit_exceeded and retry-after, which the SDK honours', async () => {
    const client = await start({ rpm: 2, timeScale: 0.01 });
    const first = await ask(client).withResponse();
    expect(first.response.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(first.response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect(first.response.headers.get('x-request-id')).toMatch(/^req_/);
    await ask(client);
    const error = (await ask(client).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.code).toBe('rate_limit_exceeded');
    expect(Number(error.headers?.get('retry-after-ms'))).toBeGreaterThan(0);
    expect(Number(error.headers?.get('retry-after-ms'))).toBeLessThanOrEqual(600);
    expect(error.headers?.get('retry-after')).toBe('1');

    const retrying = new OpenAI({ baseURL: sandbox!.baseURL, apiKey: 'sk-test', maxRetries: 3 });
    expect((await ask(retrying)).choices).toHaveLength(1);
    expect(sandbox!.stats().rateLimited).toBeGreaterThanOrEqual(2);
  });

  it('limits tokens per minute', async () => {
    const client = await start({ tpm: 40, timeScale: 0.01 });
    await ask(client, 'one two three four five six seven eight nine ten');
    await expect(ask(client, 'one two three four five six seven eight nine ten eleven twelve')).rejects.toMatchObject({
      status: 429,
      code: 'rate_limit_exceeded',
    });
  });

  it('answers insufficient_quota with x-should-retry false, so the SDK does not retry', async () => {
    const client = await start({ insufficientQuota: true }, { maxRetries: 3 });
    await expect(ask(client)).rejects.toMatchObject({ status: 429, code: 'insufficient_quota' });
    expect(sandbox!.stats().requestsByEndpoint['POST /v1/chat/completions']).toBe(1);
  });

  it('refuses fine-tuning jobs with 403 fine_tuning_unavailable in wind-down mode', async () => {
    const client = await start({ refuseFineTuning: true });
    await expect(
      client.fineTuning.jobs.create({ model: 'gpt-4o-mini-2024-07-18', training_file: 'file-x' }),
    ).rejects.toMatchObject({
      status: 403,
      code: 'fine_tuning_unavailable',
    });
  });

  it('injects a fault mix that is the same for the same seed', async () => {
    const outcomes = async (seed: number) => {
      const client = await start({ failRate: 0.5, seed, slowMs: 20 });
      const seen: string[] = [];
      for (let i = 0; i < 30; i++) {
        const outcome = await ask(client).then(
          () => 'ok',
          (error: unknown) =>
            error instanceof OpenAI.APIConnectionError ? 'dropped' : String((error as { status?: number }).status),
        );
        seen.push(outcome);
      }
      const stats = sandbox!.stats();
      await sandbox!.close();
      sandbox = undefined;
      return { seen, faults: stats.faults };
    };
    const a = await outcomes(7);
    const b = await outcomes(7);
    const c = await outcomes(8);
    expect(a.seen).toEqual(b.seen);
    expect(a.seen).not.toEqual(c.seen);
    expect(new Set(a.seen)).toEqual(new Set(['ok', '500', '503', 'dropped']));
    expect(a.faults.total).toBe(a.faults.status500 + a.faults.status503 + a.faults.dropped + a.faults.slow);
    expect(a.faults.total).toBeGreaterThan(5);
    const expected = Array.from({ length: 30 }, (_, i) => faultFor(7, 0.5, i + 1) ?? 'ok');
    expect(a.seen.map((s) => ({ '500': 'status500', '503': 'status503' })[s] ?? s)).toEqual(
      expected.map((f) => (f === 'slow' ? 'ok' : f)),
    );
  });
});

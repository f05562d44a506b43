import { request as httpRequest } from 'node:http';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './index.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const question = (i: number) => ({
  model: 'gpt-4o-mini-2024-07-18',
  messages: [{ role: 'user' as const, content: `Question ${i}: what does Article ${i} say?` }],
});

describe('connections and requests in flight', () => {
  it('keeps connections alive: a second round of 30 SDK requests opens no new connection', async () => {
    sandbox = await startSandbox();
    const client = new OpenAI({ baseURL: sandbox.baseURL, apiKey: 'sk-test', maxRetries: 0 });
    const round = async () => {
      let next = 0;
      const caller = async () => {
        while (next < 30) {
          const completion = await client.chat.completions.create(question(next++));
          expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
        }
      };
      await Promise.all([caller(), caller(), caller()]);
    };
    await round();
    const afterFirst = sandbox.stats().connections;
    // Node's fetch may open a spare connection per caller; closing after each answer would open 30.
    expect(afterFirst).toBeGreaterThanOrEqual(1);
    expect(afterFirst).toBeLessThanOrEqual(6);
    await round();
    expect(sandbox.stats().connections).toBe(afterFirst);
    expect(sandbox.stats().chatCompletions).toBe(60);
  });

  it('answers with content-length and without Connection: close, so a keep-alive client reuses its socket', async () => {
    sandbox = await startSandbox();
    const body = JSON.stringify(question(1));
    const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      const req = httpRequest(`${sandbox!.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
      });
      req.once('response', (res) => {
        res.resume();
        res.once('end', () => resolve(res.headers));
      });
      req.once('error', reject);
      req.end(body);
    });
    expect(Number(headers['content-length'])).toBeGreaterThan(0);
    expect(headers.connection).not.toBe('close');
  });

  it('counts every request in flight while the simulated latency holds them', async () => {
    sandbox = await startSandbox({ latencyMs: 150 });
    const client = new OpenAI({ baseURL: sandbox.baseURL, apiKey: 'sk-test', maxRetries: 0 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => client.chat.completions.create(question(i))));
    const stats = sandbox.stats();
    expect(stats.maxInFlight).toBe(6);
    expect(stats.inFlight).toBe(0);
  });
});

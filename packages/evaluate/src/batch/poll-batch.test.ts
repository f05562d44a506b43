import { type BatchApi, type BatchState, silentLogger, TunekitError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { POLL_FAILURES_TOLERATED, pollBatch } from './poll-batch.js';

/** A batch API whose polls answer from a script: an error to throw, or a status. */
function scripted(answers: Array<Error | BatchState['status']>): BatchApi & { polls: number } {
  const api = {
    polls: 0,
    async status(id: string) {
      const answer = answers[Math.min(api.polls++, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return { id, status: answer };
    },
    submit: async () => ({ id: 'b', status: 'validating' as const }),
    async *collect() {},
  };
  return api;
}

const dropped = () =>
  new TunekitError('PROVIDER_ERROR', 'batch at http://h/v1: Connection error.', { context: { retryable: true } });
const refused = () => new TunekitError('API_KEY_REJECTED', 'batch at http://h/v1: the endpoint rejected the API key');

describe('pollBatch', () => {
  const options = () => {
    const warnings: string[] = [];
    return {
      warnings,
      pollMs: 1,
      requestTimeoutMs: 1000,
      signal: new AbortController().signal,
      logger: { ...silentLogger, warn: (message: string) => warnings.push(message) },
      label: 'batch b of tuned',
    };
  };

  it('polls through transient failures (a dropped connection, a 503) with a warning each', async () => {
    const api = scripted(['in_progress', dropped(), dropped(), 'finalizing', 'completed']);
    const run = options();
    expect((await pollBatch(api, 'b', run)).status).toBe('completed');
    expect(api.polls).toBe(5);
    expect(run.warnings).toEqual([
      'batch b of tuned: polling failed (batch at http://h/v1: Connection error.); polling again',
      'batch b of tuned: polling failed (batch at http://h/v1: Connection error.); polling again',
    ]);
  });

  it('gives up after too many failures in a row, and at once on one that will not clear', async () => {
    const failing = scripted([dropped()]);
    await expect(pollBatch(failing, 'b', options())).rejects.toThrow(/Connection error/);
    expect(failing.polls).toBe(POLL_FAILURES_TOLERATED);
    const rejected = scripted([refused()]);
    await expect(pollBatch(rejected, 'b', options())).rejects.toMatchObject({ code: 'API_KEY_REJECTED' });
    expect(rejected.polls).toBe(1);
  });
});

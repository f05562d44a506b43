import { setTimeout as sleep } from 'node:timers/promises';
import { type BatchApi, type BatchState, type Logger, TunekitError, withScopedSignal } from '@tunekit/core';
import { failureOf } from '../runner/failure.js';

const FINISHED = new Set(['completed', 'expired', 'failed', 'cancelled']);

/**
 * Failed polls in a row that are given up on. A batch takes hours; one dropped connection or 503 on the way must
 * not end the evaluation (a rerun would collect the batch, but only after someone reruns it).
 */
export const POLL_FAILURES_TOLERATED = 10;

export interface PollOptions {
  pollMs: number;
  requestTimeoutMs: number;
  signal: AbortSignal;
  logger: Logger;
  /** What the log lines call the batch: "batch_abc of tuned". */
  label: string;
}

/** Polls a batch until it finishes; transient failures of a poll are warned about and polled through. */
export async function pollBatch(api: BatchApi, id: string, options: PollOptions): Promise<BatchState> {
  let failures = 0;
  for (;;) {
    let state: BatchState | undefined;
    try {
      // A child signal per request: the SDK leaves a listener on the signal of every request it sends.
      state = await withScopedSignal(options.signal, (signal) =>
        api.status(id, { signal, timeoutMs: options.requestTimeoutMs }),
      );
      failures = 0;
    } catch (error) {
      const failure = failureOf(error);
      if (options.signal.aborted || !failure.retryable || ++failures >= POLL_FAILURES_TOLERATED) throw error;
      options.logger.warn(`${options.label}: polling failed (${failure.message}); polling again`);
    }
    if (state && FINISHED.has(state.status)) return state;
    if (state) {
      const counts = state.counts ? `${state.counts.completed}/${state.counts.total}` : '';
      options.logger.info(`${options.label}: ${state.status} ${counts}`);
    }
    await sleep(options.pollMs, undefined, { signal: options.signal }).catch(() => {
      throw new TunekitError('ABORTED', `interrupted while waiting for ${options.label} (rerun collects it)`);
    });
  }
}

import type { BatchRecord } from '../store/records.js';

export type BatchStatus =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

export const BATCH_PHASES_MS = { validatingMs: 2_000, inProgressMs: 30_000, finalizingMs: 3_000 };

/** The status of a batch at `nowMs` and how many of its requests have run, from its timestamps alone. */
export function batchClock(batch: BatchRecord, nowMs: number): { status: BatchStatus; processed: number } {
  const { validatingMs, inProgressMs, finalizingMs } = batch.phases;
  const processedAt = (at: number) => {
    const expiresAt = expiryOf(batch);
    const until = expiresAt === undefined ? at : Math.min(at, batch.createdAtMs + expiresAt);
    const progress = (until - batch.createdAtMs - validatingMs) / inProgressMs;
    return Math.floor(batch.total * Math.min(1, Math.max(0, progress)));
  };
  const elapsed = nowMs - batch.createdAtMs;
  if (batch.validationErrors.length > 0)
    return { status: elapsed < validatingMs ? 'validating' : 'failed', processed: 0 };
  if (batch.cancelledAtMs !== null) {
    const processed = processedAt(batch.cancelledAtMs);
    return { status: nowMs < batch.cancelledAtMs + finalizingMs ? 'cancelling' : 'cancelled', processed };
  }
  if (elapsed < validatingMs) return { status: 'validating', processed: 0 };
  const expiresAt = expiryOf(batch);
  if (expiresAt !== undefined && elapsed >= expiresAt) return { status: 'expired', processed: processedAt(nowMs) };
  if (elapsed < validatingMs + inProgressMs) return { status: 'in_progress', processed: processedAt(nowMs) };
  if (elapsed < validatingMs + inProgressMs + finalizingMs) return { status: 'finalizing', processed: batch.total };
  return { status: 'completed', processed: batch.total };
}

/** When (ms after creation) the batch's completion window ends before it is done, if it does. */
export function expiryOf(batch: BatchRecord): number | undefined {
  if (batch.expiresAtShare === undefined) return undefined;
  return batch.phases.validatingMs + batch.phases.inProgressMs * batch.expiresAtShare;
}

import type { BatchRecord } from '../store/records.js';

export type BatchStatus =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'cancelling'
  | 'cancelled';

export const BATCH_PHASES_MS = { validatingMs: 2_000, inProgressMs: 30_000, finalizingMs: 3_000 };

/** The status of a batch at `nowMs` and how many of its requests have run, from its timestamps alone. */
export function batchClock(batch: BatchRecord, nowMs: number): { status: BatchStatus; processed: number } {
  const { validatingMs, inProgressMs, finalizingMs } = batch.phases;
  const processedAt = (at: number) => {
    const progress = (at - batch.createdAtMs - validatingMs) / inProgressMs;
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
  if (elapsed < validatingMs + inProgressMs) return { status: 'in_progress', processed: processedAt(nowMs) };
  if (elapsed < validatingMs + inProgressMs + finalizingMs) return { status: 'finalizing', processed: batch.total };
  return { status: 'completed', processed: batch.total };
}

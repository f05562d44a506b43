import type { BatchRecord } from '../store/records.js';
import { BATCH_PHASES_MS, batchClock, expiryOf } from './batch-clock.js';

const seconds = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));
const DAY_S = 24 * 60 * 60;

/** The batch object of the service at `nowMs`. */
export function batchView(batch: BatchRecord, nowMs: number): Record<string, unknown> {
  const { status, processed } = batchClock(batch, nowMs);
  const { validatingMs, inProgressMs, finalizingMs } = batch.phases;
  const started = batch.createdAtMs + validatingMs;
  const reached = (at: number) => (nowMs >= at ? seconds(at) : null);
  const failed = status === 'failed';
  const finished = batch.finishedAtMs !== null;
  return {
    id: batch.id,
    object: 'batch',
    endpoint: batch.endpoint,
    model: null,
    errors: failed ? { object: 'list', data: batch.validationErrors } : null,
    input_file_id: batch.inputFileId,
    completion_window: batch.completionWindow,
    status,
    output_file_id: finished ? batch.outputFileId : null,
    error_file_id: finished ? batch.errorFileId : null,
    created_at: seconds(batch.createdAtMs),
    in_progress_at: failed || (batch.cancelledAtMs !== null && batch.cancelledAtMs < started) ? null : reached(started),
    expires_at: Math.floor(batch.createdAtMs / 1000) + DAY_S,
    finalizing_at: status === 'finalizing' || status === 'completed' ? seconds(started + inProgressMs) : null,
    completed_at: status === 'completed' ? seconds(started + inProgressMs + finalizingMs) : null,
    failed_at: failed ? seconds(started) : null,
    expired_at: status === 'expired' ? seconds(batch.createdAtMs + (expiryOf(batch) ?? 0)) : null,
    cancelling_at: seconds(batch.cancelledAtMs),
    cancelled_at:
      status === 'cancelled' && batch.cancelledAtMs !== null ? seconds(batch.cancelledAtMs + finalizingMs) : null,
    request_counts: {
      total: failed ? 0 : batch.total,
      completed: batch.counts?.completed ?? processed,
      failed: batch.counts?.failed ?? 0,
    },
    usage: batch.usage,
    metadata: batch.metadata,
  };
}

export function batchPhases(timeScale: number): BatchRecord['phases'] {
  return {
    validatingMs: BATCH_PHASES_MS.validatingMs * timeScale,
    inProgressMs: BATCH_PHASES_MS.inProgressMs * timeScale,
    finalizingMs: BATCH_PHASES_MS.finalizingMs * timeScale,
  };
}

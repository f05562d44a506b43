import type { TrainerStatus } from '@tunekit/core';

const STATUS_MAP: Record<string, TrainerStatus> = {
  validating_files: 'validating',
  queued: 'queued',
  running: 'running',
  paused: 'paused',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** OpenAI's job status in tunekit's terms. Unknown statuses (the API adds some, e.g. `paused`) keep the watcher waiting. */
export function mapJobStatus(raw: string): TrainerStatus {
  return STATUS_MAP[raw] ?? 'running';
}

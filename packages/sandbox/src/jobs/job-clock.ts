import type { JobRecord } from '../store/records.js';

export type JobStatus = 'validating_files' | 'queued' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';

export interface JobClock {
  status: JobStatus;
  /** Milliseconds of the job's own clock: it stands still while paused, cancelled or re-queued. */
  virtualMs: number;
  /** Virtual time at which the job ends (succeeds, or fails after validation). */
  endVirtualMs: number;
}

/** The state of a job at `nowMs`, computed from its timestamps alone (no timers). */
export function jobClock(job: JobRecord, nowMs: number): JobClock {
  const { validatingMs, queuedMs, runningMs } = job.phases;
  const failsValidation = job.validationError !== null;
  const endVirtualMs = failsValidation ? validatingMs : validatingMs + queuedMs + runningMs;
  const stoppedAt = Math.min(job.cancelledAtMs ?? nowMs, job.pausedAtMs ?? nowMs, nowMs);
  let virtualMs = Math.max(0, stoppedAt - job.createdAtMs - job.frozenMs);
  const requeued = job.requeuedUntilMs !== null && stoppedAt < job.requeuedUntilMs;
  if (requeued) virtualMs = job.heldVirtualMs ?? virtualMs;
  virtualMs = Math.min(virtualMs, endVirtualMs);

  if (job.cancelledAtMs !== null) return { status: 'cancelled', virtualMs, endVirtualMs };
  if (virtualMs >= endVirtualMs) return { status: failsValidation ? 'failed' : 'succeeded', virtualMs, endVirtualMs };
  if (job.pausedAtMs !== null) return { status: 'paused', virtualMs, endVirtualMs };
  if (requeued) return { status: 'queued', virtualMs, endVirtualMs };
  if (virtualMs < validatingMs) return { status: 'validating_files', virtualMs, endVirtualMs };
  if (virtualMs < validatingMs + queuedMs) return { status: 'queued', virtualMs, endVirtualMs };
  return { status: 'running', virtualMs, endVirtualMs };
}

/** Wall-clock time of a point on the job's clock (pauses before it included). */
export function wallTimeOf(job: JobRecord, virtualMs: number): number {
  const heldBefore = job.heldVirtualMs !== null && virtualMs > job.heldVirtualMs ? job.frozenMs : 0;
  return job.createdAtMs + virtualMs + heldBefore;
}

export function isTerminal(status: JobStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** Pause: only a running job. Returns false when the transition is not allowed. */
export function pauseJob(job: JobRecord, nowMs: number): boolean {
  if (jobClock(job, nowMs).status !== 'running') return false;
  job.pausedAtMs = nowMs;
  return true;
}

/** Resume: a paused job goes back to `queued` for one queue phase, then runs on from where it stopped. */
export function resumeJob(job: JobRecord, nowMs: number): boolean {
  if (job.pausedAtMs === null || job.cancelledAtMs !== null) return false;
  const held = jobClock(job, job.pausedAtMs).virtualMs;
  job.frozenMs += nowMs - job.pausedAtMs + job.phases.queuedMs;
  job.pausedAtMs = null;
  job.requeuedUntilMs = nowMs + job.phases.queuedMs;
  job.heldVirtualMs = held;
  return true;
}

export function cancelJob(job: JobRecord, nowMs: number): boolean {
  if (isTerminal(jobClock(job, nowMs).status)) return false;
  job.cancelledAtMs = nowMs;
  return true;
}

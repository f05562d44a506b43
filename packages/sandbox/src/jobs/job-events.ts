import type { JobRecord } from '../store/records.js';
import { jobClock, wallTimeOf } from './job-clock.js';
import { checkpointSteps, stepMetrics } from './training-curve.js';

export interface JobEvent {
  object: 'fine_tuning.job.event';
  id: string;
  created_at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  type: 'message' | 'metrics';
  data: Record<string, unknown> | null;
}

export interface JobCheckpoint {
  object: 'fine_tuning.job.checkpoint';
  id: string;
  created_at: number;
  fine_tuned_model_checkpoint: string;
  step_number: number;
  metrics: Record<string, number | null>;
  fine_tuning_job_id: string;
}

/** More steps than this emit a metrics event every k-th step, so that a big job's event list stays small. */
const MAX_METRICS_EVENTS = 500;

interface TimedEvent {
  virtualMs: number;
  event: Omit<JobEvent, 'created_at' | 'object'>;
}

const shortOf = (job: JobRecord) => job.id.slice(6, 18);
const seconds = (ms: number) => Math.floor(ms / 1000);

/** Every event the job will emit, on its own clock, oldest first. */
function timeline(job: JobRecord): TimedEvent[] {
  const { validatingMs, queuedMs, runningMs } = job.phases;
  const short = shortOf(job);
  let n = 0;
  const at = (virtualMs: number, level: JobEvent['level'], message: string, data: JobEvent['data'] = null) => ({
    virtualMs,
    event: {
      id: `ftevent-${short}${(n++).toString().padStart(5, '0')}`,
      level,
      message,
      type: data ? ('metrics' as const) : ('message' as const),
      data,
    },
  });
  const events: TimedEvent[] = [at(0, 'info', `Validating training file: ${job.trainingFile}`)];
  if (job.validationFile) events.push(at(0, 'info', `Validating validation file: ${job.validationFile}`));
  if (job.validationError) {
    events.push(at(validatingMs, 'error', job.validationError.message));
    return events;
  }
  events.push(at(validatingMs, 'info', 'Files validated, moving job to queued state'));
  const start = validatingMs + queuedMs;
  events.push(at(start, 'info', 'Fine-tuning job started'));
  const { plan } = job;
  const stride = Math.ceil(plan.totalSteps / MAX_METRICS_EVENTS);
  const checkpoints = new Set(checkpointSteps(plan));
  const stepTime = (step: number) => start + (runningMs * 0.98 * step) / plan.totalSteps;
  for (let step = 1; step <= plan.totalSteps; step++) {
    if (step % stride === 0 || step === plan.totalSteps) {
      const m = stepMetrics(plan, job.seed, step);
      const message = `Step ${step}/${plan.totalSteps}: training loss=${m.train_loss.toFixed(2)}`;
      events.push(at(stepTime(step), 'info', message, { ...m, total_steps: plan.totalSteps }));
    }
    if (checkpoints.has(step)) events.push(at(stepTime(step), 'info', `Checkpoint created at step ${step}`));
  }
  const end = start + runningMs;
  events.push(at(end, 'info', `New fine-tuned model created: ${job.fineTunedModel}`));
  events.push(at(end, 'info', 'The job has successfully completed'));
  return events;
}

const timelines = new WeakMap<JobRecord, TimedEvent[]>();

/** Events visible at `nowMs`, newest first (the service's order). */
export function visibleEvents(job: JobRecord, nowMs: number): JobEvent[] {
  const all = timelines.get(job) ?? timeline(job);
  timelines.set(job, all);
  const { virtualMs } = jobClock(job, nowMs);
  const events: { ms: number; order: number; event: JobEvent }[] = [];
  all.forEach(({ virtualMs: at, event }, order) => {
    if (at > virtualMs) return;
    const ms = wallTimeOf(job, at);
    events.push({ ms, order, event: { object: 'fine_tuning.job.event', created_at: seconds(ms), ...event } });
  });
  job.extraEvents.forEach((stored, i) => {
    if (stored.createdAtMs > nowMs) return;
    const event: JobEvent = {
      object: 'fine_tuning.job.event',
      id: stored.id,
      created_at: seconds(stored.createdAtMs),
      level: stored.level,
      message: stored.message,
      type: 'message',
      data: null,
    };
    events.push({ ms: stored.createdAtMs, order: all.length + i, event });
  });
  events.sort((a, b) => b.ms - a.ms || b.order - a.order);
  return events.map((entry) => entry.event);
}

/** Checkpoints of the last three epochs that exist at `nowMs`, newest first. */
export function visibleCheckpoints(job: JobRecord, nowMs: number): JobCheckpoint[] {
  if (job.validationError) return [];
  const { virtualMs } = jobClock(job, nowMs);
  const { validatingMs, queuedMs, runningMs } = job.phases;
  const start = validatingMs + queuedMs;
  const checkpoints: JobCheckpoint[] = [];
  for (const step of checkpointSteps(job.plan)) {
    const at = start + (runningMs * 0.98 * step) / job.plan.totalSteps;
    if (at > virtualMs) continue;
    const m = stepMetrics(job.plan, job.seed, step);
    checkpoints.push({
      object: 'fine_tuning.job.checkpoint',
      id: `ftckpt_${shortOf(job)}${step}`,
      created_at: seconds(wallTimeOf(job, at)),
      fine_tuned_model_checkpoint: `${job.fineTunedModel}:ckpt-step-${step}`,
      step_number: step,
      metrics: {
        step,
        train_loss: m.train_loss,
        train_mean_token_accuracy: m.train_mean_token_accuracy,
        valid_loss: m.valid_loss,
        valid_mean_token_accuracy: m.valid_mean_token_accuracy,
        full_valid_loss: m.valid_loss,
        full_valid_mean_token_accuracy: m.valid_mean_token_accuracy,
      },
      fine_tuning_job_id: job.id,
    });
  }
  return checkpoints.reverse();
}

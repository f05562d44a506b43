import type { SandboxContext } from '../context.js';
import type { FileRecord, JobRecord } from '../store/records.js';
import { jobClock } from './job-clock.js';
import { resultsCsv } from './training-curve.js';

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * Brings a job up to date: when it has succeeded, its results file is written (once). Call before viewing a job or
 * anything that depends on its outcome (files, models).
 */
export async function settleJob(ctx: SandboxContext, job: JobRecord): Promise<void> {
  if (job.resultFileId !== null || jobClock(job, ctx.now()).status !== 'succeeded') return;
  const content = Buffer.from(Buffer.from(resultsCsv(job.plan, job.seed)).toString('base64'));
  const file: FileRecord = {
    id: `file-${job.id.slice(6)}`,
    object: 'file',
    bytes: content.length,
    created_at: seconds(ctx.now()),
    filename: 'step_metrics.csv',
    purpose: 'fine-tune-results',
    status: 'processed',
    status_details: null,
    expires_at: null,
  };
  job.resultFileId = file.id;
  await ctx.store.contents.put(file.id, content);
  ctx.store.files.set(file.id, file);
  await ctx.store.save();
}

/** The job object of the service at `nowMs`. */
export function jobView(ctx: SandboxContext, job: JobRecord): Record<string, unknown> {
  const now = ctx.now();
  const clock = jobClock(job, now);
  const succeeded = clock.status === 'succeeded';
  const started = clock.virtualMs >= job.phases.validatingMs + job.phases.queuedMs && !job.validationError;
  const hyperparameters = started || succeeded ? resolvedHyperparameters(job) : requestedHyperparameters(job);
  const finishedAtMs =
    clock.status === 'cancelled'
      ? job.cancelledAtMs
      : succeeded || clock.status === 'failed'
        ? job.createdAtMs + job.frozenMs + clock.endVirtualMs
        : null;
  const running = clock.status === 'running' || clock.status === 'queued' || clock.status === 'validating_files';
  return {
    object: 'fine_tuning.job',
    id: job.id,
    model: job.model,
    created_at: seconds(job.createdAtMs),
    finished_at: finishedAtMs === null ? null : seconds(finishedAtMs),
    fine_tuned_model: succeeded ? job.fineTunedModel : null,
    organization_id: `org-${ctx.options.org}`,
    result_files: succeeded && job.resultFileId ? [job.resultFileId] : [],
    status: clock.status,
    validation_file: job.validationFile,
    training_file: job.trainingFile,
    hyperparameters,
    trained_tokens: succeeded ? job.plan.epochs * job.plan.billingTokens : null,
    error: clock.status === 'failed' ? job.validationError : null,
    seed: job.seed,
    estimated_finish: running ? seconds(job.createdAtMs + job.frozenMs + clock.endVirtualMs) : null,
    integrations: job.integrations,
    method: { type: job.method.type, [job.method.type]: { hyperparameters } },
    metadata: job.metadata,
    user_provided_suffix: job.suffix,
  };
}

function resolvedHyperparameters(job: JobRecord): Record<string, unknown> {
  const resolved: Record<string, unknown> = {
    n_epochs: job.plan.epochs,
    batch_size: job.plan.batchSize,
    learning_rate_multiplier: job.plan.learningRateMultiplier,
  };
  if (job.method.type === 'dpo') resolved.beta = job.requestedHyperparameters.beta ?? 0.1;
  return resolved;
}

function requestedHyperparameters(job: JobRecord): Record<string, unknown> {
  return {
    n_epochs: job.requestedHyperparameters.n_epochs ?? 'auto',
    batch_size: job.requestedHyperparameters.batch_size ?? 'auto',
    learning_rate_multiplier: job.requestedHyperparameters.learning_rate_multiplier ?? 'auto',
  };
}

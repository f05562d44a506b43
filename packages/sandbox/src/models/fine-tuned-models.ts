import type { SandboxContext } from '../context.js';
import { ApiError } from '../http/api-error.js';
import { jobClock } from '../jobs/job-clock.js';
import type { JobRecord } from '../store/records.js';
import { buildFineTunedIndex, type FineTunedIndex, trainingPairs } from './fine-tuned-index.js';

const indexes = new WeakMap<JobRecord, FineTunedIndex>();

export function modelNotFound(model: string): ApiError {
  return new ApiError(
    404,
    `The model \`${model}\` does not exist or you do not have access to it.`,
    'invalid_request_error',
    'model_not_found',
    'model',
  );
}

/** The job that made an `ft:` model (or one of its checkpoints), once that model exists. */
export function jobOfModel(ctx: SandboxContext, model: string): JobRecord | undefined {
  const name = model.replace(/:ckpt-step-\d+$/, '');
  for (const job of ctx.store.jobs.values()) {
    if (job.fineTunedModel !== name || job.modelDeleted) continue;
    const status = jobClock(job, ctx.now()).status;
    const isCheckpoint = name !== model;
    return status === 'succeeded' || (isCheckpoint && status !== 'failed') ? job : undefined;
  }
  return undefined;
}

/** The retrieval index behind an `ft:` model: built once per job from its training file. */
export async function fineTunedIndex(ctx: SandboxContext, model: string): Promise<FineTunedIndex> {
  const job = jobOfModel(ctx, model);
  if (!job) throw modelNotFound(model);
  let index = indexes.get(job);
  if (!index) {
    index = buildFineTunedIndex(trainingPairs(await ctx.store.contents.read(job.trainingFile)));
    indexes.set(job, index);
  }
  return index;
}

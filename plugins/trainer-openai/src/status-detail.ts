import type { TrainerControl } from '@tunekit/core';
import type OpenAI from 'openai';
import type { FineTuningJob } from './api-types.js';

/** A short "where is it" for `tunekit train status`: the model when done, else the latest step and loss. */
export async function describeProgress(
  client: OpenAI,
  job: FineTuningJob,
  rt: TrainerControl,
): Promise<string | undefined> {
  if (job.status === 'succeeded') return `model ${job.fine_tuned_model}, ${job.trained_tokens ?? '?'} trained tokens`;
  if (job.status !== 'running') return undefined;
  const page = await client.fineTuning.jobs.listEvents(job.id, { limit: 20 }, { signal: rt.signal });
  const metrics = page.data.find((event) => event.type === 'metrics')?.data as Record<string, unknown> | undefined;
  if (!metrics || typeof metrics.step !== 'number') return undefined;
  const loss = typeof metrics.train_loss === 'number' ? `, train loss ${metrics.train_loss.toFixed(4)}` : '';
  return `step ${metrics.step}/${metrics.total_steps ?? '?'}${loss}`;
}

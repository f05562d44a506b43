import type { ModelContext, TrainerCheckpoint, TrainerResult, TrainerRuntime } from '@tunekit/core';
import type OpenAI from 'openai';
import type { FineTuningJob } from './api-types.js';
import { mapJobStatus } from './job-status.js';
import { persist } from './retry.js';

/** The results file is a CSV, but some accounts receive it base64-encoded; both come out as CSV text. */
export function decodeResultsFile(text: string): string {
  const compact = text.trim();
  if (compact.includes(',') || !/^[A-Za-z0-9+/=\s]+$/.test(compact)) return text;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  return decoded.includes(',') ? decoded : text;
}

async function saveMetrics(client: OpenAI, job: FineTuningJob, rt: TrainerRuntime): Promise<string | undefined> {
  const fileId = job.result_files[0];
  if (!fileId) return undefined;
  const text = await persist(async (signal) => (await client.files.content(fileId, { signal })).text(), {
    signal: rt.signal,
    logger: rt.logger,
    what: `downloading results ${fileId}`,
  });
  return rt.writeArtifact('metrics.csv', decodeResultsFile(text));
}

async function listCheckpoints(client: OpenAI, jobId: string, rt: TrainerRuntime): Promise<TrainerCheckpoint[]> {
  return persist(
    async (signal) => {
      const checkpoints: TrainerCheckpoint[] = [];
      for await (const checkpoint of client.fineTuning.jobs.checkpoints.list(jobId, { limit: 100 }, { signal })) {
        checkpoints.push({
          id: checkpoint.id,
          step: checkpoint.step_number,
          model: checkpoint.fine_tuned_model_checkpoint,
        });
      }
      return checkpoints.sort((a, b) => a.step - b.step);
    },
    { signal: rt.signal, logger: rt.logger, what: `listing checkpoints of ${jobId}` },
  );
}

/** Final figures of a terminal job: model id, billed tokens at the trained model's catalog price, checkpoints and `metrics.csv`. */
export async function collectResult(
  client: OpenAI,
  job: FineTuningJob,
  rt: TrainerRuntime,
  providerName: string,
  trained: ModelContext,
): Promise<TrainerResult> {
  const status = mapJobStatus(job.status);
  const price = trained.prices.training;
  const trainedTokens = job.trained_tokens ?? undefined;
  const result: TrainerResult = {
    status: status === 'succeeded' || status === 'cancelled' ? status : 'failed',
    jobId: job.id,
    trainedTokens,
    costUsd: trainedTokens !== undefined && price !== undefined ? (trainedTokens * price) / 1_000_000 : undefined,
    checkpoints: [],
  };
  if (job.error?.message)
    result.error = { code: job.error.code ?? 'error', message: job.error.message, param: job.error.param ?? null };
  if (status !== 'succeeded') return result;
  result.model = job.fine_tuned_model ?? undefined;
  result.provider = providerName;
  result.checkpoints = await listCheckpoints(client, job.id, rt);
  result.metricsFile = await saveMetrics(client, job, rt);
  return result;
}

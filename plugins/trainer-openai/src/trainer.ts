import {
  type ModelContext,
  type PluginEnv,
  type Trainer,
  type TrainerControl,
  type TrainerInput,
  type TrainerRuntime,
  type TrainerState,
  TunekitError,
} from '@tunekit/core';
import { estimateTrainingFile } from '@tunekit/format';
import { explainApiError, type TrainerOperation } from './api-errors.js';
import type { FineTuningJob } from './api-types.js';
import { baseRetirement } from './base-retirement.js';
import { createTrainingClient, type TrainingClient } from './client.js';
import { collectResult } from './collect-result.js';
import { findJobByKey } from './find-job.js';
import { buildJobSpec, type JobSpec } from './job-spec.js';
import { mapJobStatus } from './job-status.js';
import type { TrainerOpenAIOptions } from './options.js';
import { assertUploadable } from './preflight.js';
import { explainCreateRefusal } from './refusal.js';
import { isTransient, persist } from './retry.js';
import { retryBudget } from './retry-budget.js';
import { describeProgress } from './status-detail.js';
import { trainingModel } from './training-model.js';
import { uploadOnce } from './upload-file.js';
import { failureText, watchJob } from './watch-job.js';

export const TRAINER_ID = 'trainer-openai';

/** Retry settings of the first contact; the defaults suit real services, tests make them small. */
export interface TrainerTuning {
  /** Attempts at reaching the service before any job is known (default: `retryBudget(max_retries).firstContact`). */
  connectAttempts?: number;
  /** The first wait between those attempts, doubled at each (default 1000 ms). */
  retryBaseMs?: number;
  /** The timeout of one request of a one-shot command (default `ONE_SHOT_TIMEOUT_MS`, or `timeout_ms` when shorter). */
  oneShotTimeoutMs?: number;
}

/**
 * A person waits for `train status`: three attempts at the run's `timeout_ms` (2 minutes) would keep them over six
 * minutes in front of a silent endpoint. Reading a job is small; 30 s is ample.
 */
const ONE_SHOT_TIMEOUT_MS = 30_000;

/** What this trainer keeps in `trainer-state.json`: uploaded files by content hash, then the job. */
export interface OpenAITrainerState extends TrainerState {
  files: Record<string, string>;
  trainingFileId?: string;
  validationFileId?: string;
}

function jobIdOf(state: TrainerState): string {
  if (!state.jobId) throw new TunekitError('RUN_FOLDER_INVALID', 'the trainer state names no job yet');
  return state.jobId;
}

export function createOpenAITrainer(
  options: TrainerOpenAIOptions,
  _env: PluginEnv,
  tuning: TrainerTuning = {},
): Trainer {
  // Once a job is known, watching it never gives up; everything else is tried a bounded number of times.
  const budget = retryBudget(options.max_retries);
  const firstContact = { attempts: tuning.connectAttempts ?? budget.firstContact, baseDelayMs: tuning.retryBaseMs };
  let connection: TrainingClient | undefined;
  let target: Promise<ModelContext> | undefined;
  /** Prices and tokenizer of the model the job trains (estimate and cost), loaded once. */
  const targetModel = (rt: TrainerRuntime) => {
    target ??= trainingModel(options.model, rt.model, rt.logger);
    return target;
  };
  const connect = (rt: TrainerControl) => {
    connection ??= createTrainingClient(options, rt.providers, rt.env);
    return connection;
  };
  const oneShot = {
    attempts: budget.oneShot,
    timeout: Math.min(options.timeout_ms, tuning.oneShotTimeoutMs ?? ONE_SHOT_TIMEOUT_MS),
  };
  /**
   * A one-shot command (`train status`) bounds its attempts and their timeout; the run itself never gives up on its
   * job.
   */
  const retrieve = (jobId: string, rt: TrainerControl, bounded?: typeof oneShot) =>
    persist(
      (signal) =>
        connect(rt).client.fineTuning.jobs.retrieve(jobId, { signal, ...(bounded && { timeout: bounded.timeout }) }),
      {
        signal: rt.signal,
        logger: rt.logger,
        what: `reading ${jobId}`,
        attempts: bounded?.attempts,
        baseDelayMs: tuning.retryBaseMs,
      },
    );

  /** Creates the job; after a transient failure it first looks for the job the lost request may have created. */
  async function createJob(spec: JobSpec, state: OpenAITrainerState, rt: TrainerRuntime): Promise<FineTuningJob> {
    const { client, endpoint } = connect(rt);
    let sent = false;
    const params = {
      ...spec.params,
      training_file: state.trainingFileId as string,
      validation_file: state.validationFileId,
    };
    try {
      return await persist(
        async (signal) => {
          if (sent) {
            const earlier = await findJobByKey(client, spec.jobKey, rt);
            if (earlier) return earlier;
          }
          sent = true;
          return await client.fineTuning.jobs.create(params, { maxRetries: 0, signal });
        },
        { signal: rt.signal, logger: rt.logger, what: 'creating the fine-tuning job', attempts: budget.request },
      );
    } catch (error) {
      throw isTransient(error) ? error : explainCreateRefusal(error, endpoint);
    }
  }

  const trainer: Trainer = {
    specVersion: 'v1',

    async estimate(input: TrainerInput, rt: TrainerRuntime) {
      buildJobSpec(options, input);
      const model = await targetModel(rt);
      const estimate = await estimateTrainingFile(input.trainFile, model, options.hyperparameters.n_epochs);
      // OpenAI's schedule: Azure retires models on its own.
      const retires = rt.providers[options.provider]?.azure ? undefined : baseRetirement(model.id);
      return retires ? { ...estimate, retires } : estimate;
    },

    async attach(input, rt) {
      const spec = buildJobSpec(options, input);
      const saved = (await rt.loadState()) as OpenAITrainerState | undefined;
      if (saved?.jobId && saved.jobKey === spec.jobKey) {
        const exists = await retrieve(saved.jobId, rt).then(
          () => true,
          (error: unknown) => {
            if ((error as { status?: number }).status === 404) return false;
            throw error;
          },
        );
        if (exists) return saved;
        rt.logger.warn(
          `${saved.jobId} in trainer-state.json no longer exists on the service; looking for this data's job`,
        );
      } else if (saved?.jobId)
        rt.logger.warn(`trainer-state.json names ${saved.jobId} for other data or settings; it is left running`);
      // Nothing launched yet, no job known: an endpoint that cannot be reached stops the run after a few attempts.
      const found = await findJobByKey(connect(rt).client, spec.jobKey, rt, firstContact);
      if (!found) return undefined;
      const state: OpenAITrainerState = {
        trainer: TRAINER_ID,
        datasetHash: input.datasetHash,
        jobKey: spec.jobKey,
        phase: 'created',
        jobId: found.id,
        files: saved?.files ?? {},
      };
      await rt.saveState(state);
      return state;
    },

    async launch(input, rt) {
      const spec = buildJobSpec(options, input);
      await assertUploadable(input);
      const { client } = connect(rt);
      const saved = (await rt.loadState()) as OpenAITrainerState | undefined;
      const state: OpenAITrainerState = {
        trainer: TRAINER_ID,
        datasetHash: input.datasetHash,
        jobKey: spec.jobKey,
        phase: 'uploading',
        files: { ...saved?.files },
      };
      await rt.saveState(state);
      const train = await uploadOnce(client, input.trainFile, state.files, rt, { attempts: budget.request });
      state.files[train.sha256] = train.id;
      state.trainingFileId = train.id;
      if (input.validationFile) {
        const validation = await uploadOnce(client, input.validationFile, state.files, rt, {
          attempts: budget.request,
        });
        state.files[validation.sha256] = validation.id;
        state.validationFileId = validation.id;
      }
      state.phase = 'creating';
      await rt.saveState(state);
      const job = await createJob(spec, state, rt);
      state.phase = 'created';
      state.jobId = job.id;
      await rt.saveState(state);
      rt.logger.info(`created fine-tuning job ${job.id} on ${spec.params.model}`);
      return state;
    },

    watch(state, rt) {
      return watchJob(connect(rt).client, jobIdOf(state), rt, options.poll_interval_ms);
    },

    async result(state, rt) {
      const job = await retrieve(jobIdOf(state), rt);
      return collectResult(connect(rt).client, job, rt, connect(rt).providerName, await targetModel(rt));
    },

    async cancel(state, rt) {
      const jobId = jobIdOf(state);
      await persist((signal) => connect(rt).client.fineTuning.jobs.cancel(jobId, { signal }), {
        signal: rt.signal,
        logger: rt.logger,
        what: `cancelling ${jobId}`,
        attempts: budget.request,
      });
    },

    async status(state, rt) {
      const job = await retrieve(jobIdOf(state), rt, oneShot);
      const status = mapJobStatus(job.status);
      const detail = status === 'failed' ? failureText(job) : await describeProgress(connect(rt).client, job, rt);
      return { status, rawStatus: job.status, detail };
    },
  };
  return explained(trainer, (error, operation) => explainApiError(error, connection, operation));
}

/** The trainer with every error leaving an operation passed through `explain` (the one place errors are mapped). */
function explained(trainer: Trainer, explain: (error: unknown, operation: TrainerOperation) => unknown): Trainer {
  const guard =
    <A extends unknown[], R>(operation: TrainerOperation, run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await run(...args);
      } catch (error) {
        throw explain(error, operation);
      }
    };
  return {
    specVersion: 'v1',
    estimate: trainer.estimate,
    attach: guard('attach', trainer.attach),
    launch: guard('launch', trainer.launch),
    async *watch(state, rt) {
      try {
        yield* trainer.watch(state, rt);
      } catch (error) {
        throw explain(error, 'watch');
      }
    },
    result: guard('result', trainer.result),
    cancel: guard('cancel', trainer.cancel),
    status: guard('status', trainer.status),
  };
}

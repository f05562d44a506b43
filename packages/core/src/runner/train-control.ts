import type { Logger } from '../contracts/logger.js';
import type { TrainerState, TrainerStatus } from '../contracts/trainer.js';
import { TunekitError } from '../errors.js';
import { pointAtSandbox, type SandboxTarget } from './sandbox-providers.js';
import { createTrainerControl, openTrainer } from './trainer-runtime.js';
import { readTrainerStateFile, TRAINER_STATE_FILE } from './trainer-state-file.js';

export interface TrainControlOptions {
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** The sandbox a sandbox run's job lives in (restarted from the run folder): every saved provider points at it. */
  sandbox?: SandboxTarget;
}

export interface TrainJobStatus {
  trainer: string;
  jobId?: string;
  phase: TrainerState['phase'];
  status: TrainerStatus;
  rawStatus: string;
  detail?: string;
  model?: string;
}

/** Reopens the trainer of a run folder from its `trainer-state.json` alone (no pipeline file needed). */
async function reopen(runDir: string, options: TrainControlOptions) {
  const file = await readTrainerStateFile(runDir);
  const state = file?.state;
  if (!file || !state) {
    throw new TunekitError(
      'RUN_FOLDER_INVALID',
      `no training job in this run folder (${TRAINER_STATE_FILE} is missing)`,
      {
        context: { file: runDir, hint: 'run the pipeline with a `train:` section first' },
      },
    );
  }
  const env = options.env ?? process.env;
  const { trainer } = await openTrainer(file.use, file.with, file.baseDir, options.logger, env);
  const signal = options.signal ?? new AbortController().signal;
  const control = createTrainerControl({
    runDir,
    logger: options.logger,
    signal,
    providers: options.sandbox ? pointAtSandbox(file.providers, options.sandbox) : file.providers,
    env,
    envelope: file,
  });
  return { trainer, state, control, file };
}

/** `tunekit train status RUN_DIR`. */
export async function trainStatus(runDir: string, options: TrainControlOptions): Promise<TrainJobStatus> {
  const { trainer, state, control, file } = await reopen(runDir, options);
  const base = { trainer: file.use, jobId: state.jobId, phase: state.phase, model: file.result?.model };
  // A finished job cannot change any more (and a sandbox that served it may be gone): answer from the state file.
  if (state.phase === 'finished' && file.result) {
    return {
      ...base,
      status: file.result.status,
      rawStatus: file.result.status,
      detail: file.result.model ? `model ${file.result.model}` : `recorded in ${TRAINER_STATE_FILE}`,
    };
  }
  if (!state.jobId) return { ...base, status: 'preparing', rawStatus: state.phase };
  try {
    return { ...base, ...(await trainer.status(state, control)) };
  } catch (error) {
    if (TunekitError.is(error)) throw error;
    throw new TunekitError('PROVIDER_ERROR', `cannot reach the training service: ${(error as Error).message}`, {
      cause: error,
      context: { file: runDir, hint: 'check the provider base_url and your network, then try again' },
    });
  }
}

/** `tunekit train cancel RUN_DIR`: asks the service to cancel; the job's final state shows in `train status`. */
export async function trainCancel(runDir: string, options: TrainControlOptions): Promise<TrainJobStatus> {
  const { trainer, state, control, file } = await reopen(runDir, options);
  if (!state.jobId)
    throw new TunekitError('RUN_FOLDER_INVALID', 'no job was created in this run folder, nothing to cancel', {
      context: { file: runDir },
    });
  if (state.phase === 'finished' && file.result)
    throw new TunekitError(
      'RUN_FOLDER_INVALID',
      `${state.jobId} has ended (${file.result.status}); nothing to cancel`,
      {
        context: { file: runDir, hint: `\`tunekit train status ${runDir}\` shows the job` },
      },
    );
  await trainer.cancel(state, control);
  return trainStatus(runDir, options);
}

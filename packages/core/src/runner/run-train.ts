import { createHash } from 'node:crypto';
import type { Logger } from '../contracts/logger.js';
import type { ModelContext } from '../contracts/model.js';
import type { ProviderConfig } from '../contracts/provider.js';
import type {
  TrainerBudgetOptions,
  TrainerEstimate,
  TrainerEvent,
  TrainerInput,
  TrainerResult,
} from '../contracts/trainer.js';
import { TunekitError } from '../errors.js';
import { hashFile } from '../run-folder/file-hash.js';
import { retirementNotice } from '../util/model-retirement.js';
import { createTrainerControl, openTrainer } from './trainer-runtime.js';
import { readTrainerStateFile, secretFreeProviders, type TrainerStateFile } from './trainer-state-file.js';
import { detectTrainingFormat } from './training-format.js';

export { type TrainControlOptions, type TrainJobStatus, trainCancel, trainStatus } from './train-control.js';
export { readTrainerStateFile, TRAINER_STATE_FILE, type TrainerStateFile } from './trainer-state-file.js';

export type TrainPhaseEvent =
  | TrainerEvent
  | { type: 'estimate'; estimate: TrainerEstimate }
  | { type: 'attached'; jobId?: string };

export interface TrainPhaseArgs {
  /** The pipeline's `train:` section. */
  trainer: { use: string; with: unknown };
  baseDir: string;
  runDir: string;
  runId: string;
  model: ModelContext;
  providers: Record<string, ProviderConfig>;
  files: { train: string; validation?: string };
  signal: AbortSignal;
  logger: Logger;
  /** `--yes`: launch even when the estimate is over `max_cost_usd`. */
  yes: boolean;
  env?: NodeJS.ProcessEnv;
  onEvent?: (event: TrainPhaseEvent) => void;
}

/** sha256 over the training and validation files: the dataset part of the key that prevents a second paid job. */
export async function hashTrainingData(files: { train: string; validation?: string }): Promise<string> {
  const train = await hashFile(files.train);
  const validation = files.validation ? await hashFile(files.validation) : undefined;
  return createHash('sha256')
    .update(`train:${train.sha256}\nvalidation:${validation?.sha256 ?? '-'}\n`)
    .digest('hex');
}

function guardCost(estimate: TrainerEstimate, options: unknown, yes: boolean, logger: Logger): void {
  const budget = (options as TrainerBudgetOptions | undefined)?.max_cost_usd;
  if (budget === undefined || estimate.costUsd === undefined || estimate.costUsd <= budget) return;
  const figures = `estimated $${estimate.costUsd.toFixed(2)} (${estimate.trainingTokens} training tokens = ${estimate.epochs} epochs × ${estimate.billingTokens}) is over max_cost_usd $${budget}`;
  if (yes) {
    logger.warn(`${figures}; launching anyway (--yes)`);
    return;
  }
  throw new TunekitError('COST_OVER_BUDGET', figures, {
    context: { field: 'train.with.max_cost_usd', hint: 'raise max_cost_usd or pass --yes' },
  });
}

/**
 * The train phase of a run: estimate, re-attach to a job this run already launched or (within budget) launch one,
 * watch it to the end and collect the result. A failed or cancelled job throws TRAINER_FAILED after the result is saved.
 */
export async function runTrainPhase(
  args: TrainPhaseArgs,
): Promise<{ estimate: TrainerEstimate; result: TrainerResult }> {
  const { runDir, logger, signal } = args;
  const env = args.env ?? process.env;
  const opened = await openTrainer(args.trainer.use, args.trainer.with, args.baseDir, logger, env);
  const input: TrainerInput = {
    trainFile: args.files.train,
    validationFile: args.files.validation,
    datasetHash: await hashTrainingData(args.files),
    runId: args.runId,
    baseModel: args.model.id,
    format: await detectTrainingFormat(args.files.train),
  };
  const previous = await readTrainerStateFile(runDir);
  const envelope: Omit<TrainerStateFile, 'updatedAt'> = {
    specVersion: 'v1',
    use: args.trainer.use,
    with: opened.options,
    baseDir: args.baseDir,
    runId: args.runId,
    providers: secretFreeProviders(args.providers),
    state: previous?.use === args.trainer.use ? previous.state : undefined,
  };
  const rt = {
    ...createTrainerControl({ runDir, logger, signal, providers: args.providers, env, envelope }),
    model: args.model,
  };
  const { trainer } = opened;

  const estimate = await trainer.estimate(input, rt);
  envelope.estimate = estimate;
  args.onEvent?.({ type: 'estimate', estimate });
  if (estimate.retires) logger.warn(`train: ${retirementNotice(estimate.retires)}: the tuned model serves until then`);

  let state = await trainer.attach(input, rt);
  if (state) {
    logger.info(`re-attached to ${state.jobId ?? 'the job'} launched earlier for this data; nothing new is paid`);
    args.onEvent?.({ type: 'attached', jobId: state.jobId });
  } else {
    guardCost(estimate, opened.options, args.yes, logger);
    state = await trainer.launch(input, rt);
  }

  for await (const event of trainer.watch(state, rt)) args.onEvent?.(event);
  if (signal.aborted)
    throw new TunekitError(
      'ABORTED',
      `training stopped watching ${state.jobId ?? ''}; the job goes on, run again to re-attach`,
    );

  const result = await trainer.result(state, rt);
  envelope.result = result;
  await rt.saveState({ ...state, phase: 'finished' });
  if (result.status !== 'succeeded') {
    const reason = result.error
      ? `${result.error.code}: ${result.error.message}${result.error.param ? ` (param ${result.error.param})` : ''}`
      : result.status;
    throw new TunekitError('TRAINER_FAILED', `training job ${result.jobId ?? ''} ${result.status}: ${reason}`, {
      context: {
        step: 'train',
        result,
        hint: 'fix the cause, then remove trainer-state.json from the run folder to launch a new job',
      },
    });
  }
  return { estimate, result };
}

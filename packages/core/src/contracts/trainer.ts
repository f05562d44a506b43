import type { ModelRetirement } from '../util/model-retirement.js';
import type { Logger } from './logger.js';
import type { ModelContext } from './model.js';
import type { PluginBase, PluginEnv } from './plugin.js';
import type { ProviderConfig } from './provider.js';

/**
 * Normalised job status across trainers; each trainer keeps its own in `rawStatus`. Mapping examples:
 * OpenAI validating_files → validating; Fireworks WRITING_RESULTS → finalizing; Mistral VALIDATED (no auto_start) → paused.
 */
export type TrainerStatus =
  | 'preparing'
  | 'validating'
  | 'queued'
  | 'running'
  | 'paused'
  | 'finalizing'
  | 'succeeded'
  | 'failed'
  | 'cancelled';

export const TERMINAL_TRAINER_STATUSES: readonly TrainerStatus[] = ['succeeded', 'failed', 'cancelled'];

export function isTerminalTrainerStatus(status: TrainerStatus): status is 'succeeded' | 'failed' | 'cancelled' {
  return TERMINAL_TRAINER_STATUSES.includes(status);
}

/** The shape of the training lines, detected by the runner from the first line of the training file. */
export type TrainingDataFormat = 'chat' | 'preference' | 'completion';

export interface TrainerInput {
  /** Absolute paths of OpenAI-format JSONL files in the run folder. */
  trainFile: string;
  validationFile?: string;
  /** sha256 over the training and validation files: with the trainer's settings, the key that prevents a second paid job. */
  datasetHash: string;
  runId: string;
  /** The pipeline's `model:` (a trainer may override it with its own option). */
  baseModel: string;
  format: TrainingDataFormat;
}

export interface TrainerEstimate {
  examples: number;
  /** Tokens billed per epoch (each example capped at the model's per-example limit). */
  billingTokens: number;
  epochs: number;
  /** epochs × billingTokens. */
  trainingTokens: number;
  /** Undefined when the catalog has no training price for the model (or billing is not per token). */
  costUsd?: number;
  pricePerMillion?: number;
  priceAsOf?: string;
  /** When the service stops serving the base model and the fine-tunes built on it, if that is known. */
  retires?: ModelRetirement;
}

/**
 * A trainer's own resumable handle (file ids, job id, cursors). JSON only, no secrets. The runner persists it in
 * `trainer-state.json` whenever the trainer calls `saveState`, which it must do before every request that spends money.
 */
export interface TrainerState {
  /** The plugin id that wrote it. */
  trainer: string;
  datasetHash: string;
  /** Idempotency key: dataset hash plus the job settings. A state with another key is not re-attached. */
  jobKey?: string;
  phase: 'uploading' | 'creating' | 'created' | 'finished';
  jobId?: string;
  [key: string]: unknown;
}

export type TrainerEvent =
  | { type: 'status'; status: TrainerStatus; rawStatus: string; message?: string; jobId?: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | {
      type: 'metric';
      step: number;
      totalSteps?: number;
      trainLoss?: number;
      validLoss?: number;
      tokenAccuracy?: number;
      /** Seconds until the service expects the job to finish, when it says. */
      etaSeconds?: number;
    }
  | { type: 'checkpoint'; id: string; step: number; model: string };

export interface TrainerCheckpoint {
  id: string;
  step: number;
  model: string;
}

export interface TrainerResult {
  status: 'succeeded' | 'failed' | 'cancelled';
  jobId?: string;
  /** A model id any OpenAI-compatible provider can call, with the pipeline provider name that serves it. */
  model?: string;
  provider?: string;
  /** The model trained on, when it is not the pipeline's `model:` (an open-weight base such as Qwen/Qwen2.5-7B-Instruct). */
  baseModel?: string;
  trainedTokens?: number;
  /** trainedTokens at the catalog's training price. */
  costUsd?: number;
  checkpoints: TrainerCheckpoint[];
  /** Path (in the run folder) of the metrics CSV `step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy`. */
  metricsFile?: string;
  error?: { code: string; message: string; param?: string | null };
}

/** What every trainer operation gets: where to keep state, how to reach providers, how to stop. */
export interface TrainerControl {
  runDir: string;
  logger: Logger;
  signal: AbortSignal;
  providers: Record<string, ProviderConfig>;
  env: NodeJS.ProcessEnv;
  /** Reads the persisted state (undefined on a first run). */
  loadState(): Promise<TrainerState | undefined>;
  /** Writes the state atomically; call it before every request that spends money. */
  saveState(state: TrainerState): Promise<void>;
  /** Writes a file into the run folder atomically and returns its absolute path (e.g. `metrics.csv`). */
  writeArtifact(name: string, content: string | Uint8Array): Promise<string>;
}

/** The control surface plus the target model (tokenizer, limits, prices) for estimating and costing. */
export interface TrainerRuntime extends TrainerControl {
  model: ModelContext;
}

/**
 * A trainer is a resumable state machine: `attach` finds a job this run already launched (from the saved state, or
 * by the idempotency key the service keeps, e.g. OpenAI job metadata), so a rerun never pays twice. The runner calls:
 * estimate → attach → (cost guard → launch, when attach found nothing) → watch → result.
 */
export interface Trainer {
  readonly specVersion: 'v1';
  /** Local, free: token counts, epochs and price. */
  estimate(input: TrainerInput, rt: TrainerRuntime): Promise<TrainerEstimate>;
  /** The state of a job already launched for this input, or undefined when none exists. */
  attach(input: TrainerInput, rt: TrainerRuntime): Promise<TrainerState | undefined>;
  /** Uploads and creates the job, saving state before each paid request; returns the state naming the job. */
  launch(input: TrainerInput, rt: TrainerRuntime): Promise<TrainerState>;
  /** Follows the job until it is terminal (or the signal aborts); the job keeps running if the watcher stops. */
  watch(state: TrainerState, rt: TrainerControl): AsyncIterable<TrainerEvent>;
  /** Final figures of a terminal job; writes the metrics file through `writeArtifact`. */
  result(state: TrainerState, rt: TrainerRuntime): Promise<TrainerResult>;
  cancel(state: TrainerState, rt: TrainerControl): Promise<void>;
  /** One-line status for `tunekit train status`. */
  status(
    state: TrainerState,
    rt: TrainerControl,
  ): Promise<{ status: TrainerStatus; rawStatus: string; detail?: string }>;
}

export interface TrainerPlugin<O = any> extends PluginBase<'trainer', O> {
  create(options: O, env: PluginEnv): Trainer | Promise<Trainer>;
  /**
   * False when training calls no model service (a program on this machine), so a run whose other phases call none
   * either starts no sandbox for it. Absent means true.
   */
  callsModels?(options: O): boolean;
}

/** Every trainer's options may carry `max_cost_usd`; the runner compares the estimate with it before a launch. */
export interface TrainerBudgetOptions {
  max_cost_usd?: number;
}

import type { z } from 'zod';
import type { Logger } from './logger.js';
import type { ModelContext } from './model.js';
import type { PluginEnv } from './plugin.js';
import type { ProviderConfig } from './provider.js';

/** Normalised job status across trainers (raw statuses are kept in `rawStatus`). */
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

export interface TrainerInput {
  trainFile: string;
  validationFile?: string;
  /** sha256 of the training data: the idempotency key that prevents a second paid job. */
  datasetHash: string;
  runId: string;
  baseModel: string;
  method: 'supervised' | 'dpo';
}

export interface TrainerEstimate {
  trainingTokens: number;
  epochs: number;
  costUsd: number;
  pricePerMillion: number;
  priceAsOf?: string;
}

/** Persisted to `trainer-state.json` before every request that spends money. JSON only. */
export interface TrainerState {
  trainer: string;
  datasetHash: string;
  phase: 'uploading' | 'creating' | 'created' | 'finished';
  [key: string]: unknown;
}

export type TrainerEvent =
  | { type: 'status'; status: TrainerStatus; rawStatus: string; message?: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'metric'; step: number; totalSteps?: number; trainLoss?: number; validLoss?: number; tokenAccuracy?: number }
  | { type: 'checkpoint'; id: string; step: number; model: string };

export interface TrainerResult {
  status: 'succeeded' | 'failed' | 'cancelled';
  /** A model id any OpenAI-compatible provider can call, with the provider that serves it. */
  model?: string;
  provider?: string;
  trainedTokens?: number;
  costUsd?: number;
  checkpoints: { id: string; step: number; model: string }[];
  /** Path (in the run folder) of the metrics CSV `step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy`. */
  metricsFile?: string;
  error?: { code: string; message: string; param?: string | null };
}

export interface TrainerRuntime {
  runDir: string;
  logger: Logger;
  signal: AbortSignal;
  model: ModelContext;
  providers: Record<string, ProviderConfig>;
  /** Reads the persisted state (undefined on a first run). */
  loadState(): Promise<TrainerState | undefined>;
  /** Writes the state atomically; call it before every request that spends money. */
  saveState(state: TrainerState): Promise<void>;
}

/**
 * A trainer is a resumable state machine: `attach` finds a job this run already launched (from the saved state or
 * by the dataset hash), so a rerun never pays twice.
 */
export interface Trainer {
  readonly specVersion: 'v1';
  estimate(input: TrainerInput, rt: TrainerRuntime): Promise<TrainerEstimate>;
  /** Returns the state of an existing job for this input, or undefined when none exists. */
  attach(input: TrainerInput, rt: TrainerRuntime): Promise<TrainerState | undefined>;
  launch(input: TrainerInput, rt: TrainerRuntime): Promise<TrainerState>;
  watch(state: TrainerState, rt: TrainerRuntime): AsyncIterable<TrainerEvent>;
  result(state: TrainerState, rt: TrainerRuntime): Promise<TrainerResult>;
  cancel(state: TrainerState, rt: TrainerRuntime): Promise<void>;
  /** One-line status for `tunekit train status`. */
  status(state: TrainerState, rt: TrainerRuntime): Promise<{ status: TrainerStatus; rawStatus: string; detail?: string }>;
}

export interface TrainerPlugin<O = any> {
  readonly specVersion: 'v1';
  readonly kind: 'trainer';
  readonly id: string;
  readonly description: string;
  readonly options: z.ZodType<O>;
  create(options: O, env: PluginEnv): Trainer | Promise<Trainer>;
}

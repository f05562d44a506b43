import type { ErrorCode } from '../errors.js';
import type { ModelRetirement } from '../util/model-retirement.js';
import type { Logger } from './logger.js';
import type { PluginBase } from './plugin.js';
import type { ProviderConfig } from './provider.js';

export interface EvaluatorRuntime {
  runDir: string;
  baseDir: string;
  logger: Logger;
  signal: AbortSignal;
  providers: Record<string, ProviderConfig>;
  /** The pipeline's target model id (for few-shot splits and prices), if any. */
  model?: string;
  /** Catalog price overrides from the pipeline. */
  prices?: Record<string, unknown>;
  /** Outputs of the dataset section (absolute paths), if it ran. */
  dataset?: { train?: string; validation?: string };
  /** Result of the train section, if it ran. */
  train?: {
    model?: string;
    /** The model trained on, when the trainer names it (an open-weight base). */
    baseModel?: string;
    costUsd?: number;
    trainedTokens?: number;
    metricsFile?: string;
    /** When the service retires the base model, and with it the tuned one (from the estimate). */
    retires?: ModelRetirement;
  };
  noCache?: boolean;
  /** Where provider keys are read from (`api_key_env`); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Set in sandbox runs; reports say "sandbox: simulated models". */
  sandbox?: boolean;
  onProgress?(event: { done: number; total: number; errors: number; costUsd: number }): void;
}

export interface EvaluationOutcome {
  /** False when the gate failed: the command exits 1. */
  gatePassed: boolean;
  summary: string;
  reports: string[];
  /**
   * What the evaluation's model requests cost at catalog prices (null: a model without a price), cached answers
   * included, and what this run paid for (live requests).
   */
  cost?: { candidatesUsd: number | null; judgesUsd: number | null; spentUsd: number };
  /**
   * Set when the evaluation ran but failed (a candidate got no output at all): the reports and the summary hold what
   * was done, the manifest records them with this error, and the run fails with it. An evaluator that cannot get that
   * far throws instead; the manifest then records the error alone.
   */
  failure?: EvaluationFailure;
}

export interface EvaluationFailure {
  code: ErrorCode;
  message: string;
  hint?: string;
}

/** The engine of the `evaluate:` section (built in: @tunekit/evaluate). */
export interface EvaluatorPlugin<O = any> extends PluginBase<'evaluator', O> {
  run(options: O, rt: EvaluatorRuntime): Promise<EvaluationOutcome>;
  /**
   * False when these options call no model (every candidate reads a file of outputs, no judge): such a run needs no
   * sandbox, and its reports must not say their figures are simulated. Absent: it calls models.
   */
  callsModels?(options: O): boolean;
}

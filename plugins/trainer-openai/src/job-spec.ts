import { createHash } from 'node:crypto';
import { type TrainerInput, TunekitError } from '@tunekit/core';
import { checkModelFormat, getModelInfo, type ModelInfo } from '@tunekit/format';
import type { FineTuningJob, JobCreateParams } from './api-types.js';
import type { TrainerOpenAIOptions } from './options.js';

/** Metadata keys tunekit puts on every job; `tunekit_job` is the idempotency key a rerun searches for. */
export const METADATA_RUN = 'tunekit_run';
export const METADATA_DATASET = 'tunekit_dataset';
export const METADATA_JOB_KEY = 'tunekit_job';

export interface JobSpec {
  /** Everything but the file ids, which are known only after the upload. */
  params: Omit<JobCreateParams, 'training_file' | 'validation_file'>;
  /** sha256 over the dataset hash and the settings: same key, same job. */
  jobKey: string;
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function chooseMethod(options: TrainerOpenAIOptions, input: TrainerInput): 'supervised' | 'dpo' {
  const method = options.method ?? (input.format === 'preference' ? 'dpo' : 'supervised');
  const fits = method === 'dpo' ? input.format === 'preference' : input.format !== 'preference';
  if (!fits) {
    const expected =
      method === 'dpo'
        ? 'preference lines (input, preferred_output, non_preferred_output)'
        : 'chat or prompt/completion lines';
    throw new TunekitError(
      'OPTION_INVALID',
      `train.with.method: ${method} needs ${expected}, but the training file holds ${input.format} lines`,
      {
        context: { field: 'train.with.method', file: input.trainFile, line: 1 },
      },
    );
  }
  if (method !== 'dpo' && options.hyperparameters.beta !== undefined) {
    throw new TunekitError('OPTION_INVALID', 'train.with.hyperparameters.beta: beta applies to method dpo only', {
      context: { field: 'train.with.hyperparameters.beta' },
    });
  }
  return method;
}

/** Refuses a file whose format the model does not train on (the service would fail the job after the upload). */
function checkFormatForModel(model: string, field: string, input: TrainerInput): void {
  let info: ModelInfo;
  try {
    info = getModelInfo(model);
  } catch (error) {
    if (TunekitError.is(error, 'UNKNOWN_MODEL')) return; // a model the catalog does not know: the service decides
    throw error;
  }
  const problem = checkModelFormat(input.format, info);
  if (problem) {
    throw new TunekitError('INPUT_INVALID', problem.message, {
      context: { file: input.trainFile, field },
    });
  }
}

export function buildJobSpec(options: TrainerOpenAIOptions, input: TrainerInput): JobSpec {
  const method = chooseMethod(options, input);
  const { beta, ...common } = options.hyperparameters;
  const model = options.model ?? input.baseModel;
  checkFormatForModel(model, options.model ? 'train.with.model' : 'model', input);
  const methodParams: JobCreateParams['method'] =
    method === 'dpo'
      ? { type: 'dpo', dpo: { hyperparameters: { ...common, beta } } }
      : { type: 'supervised', supervised: { hyperparameters: common } };
  const settings = {
    model,
    method: methodParams,
    suffix: options.suffix,
    seed: options.seed,
    integrations: options.integrations,
  };
  const jobKey = createHash('sha256')
    .update(sortedJson({ dataset: input.datasetHash, ...settings }))
    .digest('hex');
  const metadata = {
    ...options.metadata,
    [METADATA_RUN]: input.runId,
    [METADATA_DATASET]: input.datasetHash,
    [METADATA_JOB_KEY]: jobKey,
  };
  return { params: { ...settings, metadata }, jobKey };
}

/** A job this spec created: its metadata carries the same key. */
export function jobMatches(job: Pick<FineTuningJob, 'metadata'>, jobKey: string): boolean {
  return job.metadata?.[METADATA_JOB_KEY] === jobKey;
}

import { defaultEpochs, estimateTraining } from '@tunekit/format';
import type { SandboxContext } from '../context.js';
import { ApiError, badRequest } from '../http/api-error.js';
import { newId, randomId } from '../ids.js';
import { modelTokens } from '../models/model-tokens.js';
import type { JobRecord, ServiceError, TrainingPlan } from '../store/records.js';
import { checkTrainingFile } from './check-training-file.js';
import { assertKnownFields, readHyperparameters, readMetadata } from './job-request.js';
import { trainingFormatOf } from './trainable-model.js';

/** Base durations of a job at timeScale 1 (about a minute in all). */
const PHASES_MS = { validatingMs: 5_000, queuedMs: 5_000, runningMs: 50_000 };

export async function createJob(ctx: SandboxContext, body: Record<string, unknown>): Promise<JobRecord> {
  assertKnownFields(body);
  const { model, training_file: trainingFile, validation_file: validationFile, suffix } = body;
  if (typeof model !== 'string' || model === '') throw badRequest("Missing required parameter: 'model'.", 'model');
  if (typeof trainingFile !== 'string')
    throw badRequest("Missing required parameter: 'training_file'.", 'training_file');
  if (validationFile !== undefined && validationFile !== null && typeof validationFile !== 'string') {
    throw badRequest("Invalid type for 'validation_file': expected a string.", 'validation_file');
  }
  if (
    suffix !== undefined &&
    suffix !== null &&
    (typeof suffix !== 'string' || suffix.length < 1 || suffix.length > 64)
  ) {
    throw badRequest("Invalid 'suffix': expected a string of 1 to 64 characters.", 'suffix');
  }
  const { method, hyperparameters } = readHyperparameters(body);
  const metadata = readMetadata(body.metadata);
  const seed = body.seed === undefined || body.seed === null ? Math.floor(Math.random() * 2_147_483_647) : body.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647) {
    throw badRequest("Invalid 'seed': expected an integer between 0 and 2147483647.", 'seed');
  }

  const format = trainingFormatOf(ctx, model, method.type);
  const tokens = await modelTokens(model);
  const check = async (id: string, param: 'training_file' | 'validation_file') =>
    checkTrainingFile(await readFineTuneFile(ctx, id, param), tokens, param, format);
  const training = await check(trainingFile, 'training_file');
  const validation = typeof validationFile === 'string' ? await check(validationFile, 'validation_file') : undefined;
  const validationError: ServiceError | null = training.error ?? validation?.error ?? null;

  const nEpochs = typeof hyperparameters.n_epochs === 'number' ? hyperparameters.n_epochs : undefined;
  const estimate = estimateTraining({
    exampleTokens: training.exampleTokens,
    exampleTokenLimit: tokens.exampleTokenLimit,
    ...(nEpochs === undefined ? {} : { nEpochs }),
  });
  const examples = Math.max(1, training.examples);
  const batchSize =
    typeof hyperparameters.batch_size === 'number'
      ? hyperparameters.batch_size
      : Math.max(1, Math.min(256, Math.round(examples * 0.002)));
  const epochs = nEpochs ?? defaultEpochs(examples);
  const plan: TrainingPlan = {
    examples: training.examples,
    validationExamples: validation?.examples ?? 0,
    billingTokens: estimate.billingTokens,
    epochs,
    batchSize,
    learningRateMultiplier:
      typeof hyperparameters.learning_rate_multiplier === 'number' ? hyperparameters.learning_rate_multiplier : 1.8,
    totalSteps: Math.ceil(examples / batchSize) * epochs,
  };

  const id = newId.job();
  const scale = ctx.options.timeScale;
  return {
    id,
    model,
    trainingFile,
    validationFile: typeof validationFile === 'string' ? validationFile : null,
    suffix: typeof suffix === 'string' ? suffix : null,
    seed,
    metadata,
    method,
    requestedHyperparameters: hyperparameters,
    integrations: Array.isArray(body.integrations) ? body.integrations : null,
    createdAtMs: ctx.now(),
    phases: {
      validatingMs: PHASES_MS.validatingMs * scale,
      queuedMs: PHASES_MS.queuedMs * scale,
      runningMs: PHASES_MS.runningMs * scale,
    },
    frozenMs: 0,
    pausedAtMs: null,
    requeuedUntilMs: null,
    heldVirtualMs: null,
    cancelledAtMs: null,
    validationError,
    plan,
    fineTunedModel: `ft:${baseOf(model)}:${ctx.options.org}:${typeof suffix === 'string' ? suffix : ''}:${randomId(8)}`,
    resultFileId: null,
    extraEvents: [],
  };
}

/** Continued fine-tuning of an `ft:` model names the new model after the original base. */
function baseOf(model: string): string {
  return model.startsWith('ft:') ? (model.split(':')[1] ?? model) : model;
}

async function readFineTuneFile(ctx: SandboxContext, id: string, param: string): Promise<Buffer> {
  const file = ctx.store.files.get(id);
  if (!file) throw new ApiError(400, `invalid ${param}: ${id}`, 'invalid_request_error', null, param);
  if (file.purpose !== 'fine-tune') {
    throw badRequest(
      `File ${id} has purpose '${file.purpose}'; fine-tuning needs purpose 'fine-tune'.`,
      param,
      `invalid_${param}`,
    );
  }
  return ctx.store.contents.read(id);
}

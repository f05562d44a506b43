import { setMaxListeners } from 'node:events';
import { access, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { EvaluationOutcome } from '../contracts/evaluator.js';
import { type Logger, silentLogger } from '../contracts/logger.js';
import type { ProviderConfig } from '../contracts/provider.js';
import { TunekitError } from '../errors.js';
import { type RuntimeReference, resolveRuntimeReferences } from '../pipeline/interpolation.js';
import type { LoadedPipeline } from '../pipeline/loader.js';
import { DEFAULT_MODEL } from '../pipeline/pipeline-schema.js';
import { writeJsonAtomic } from '../run-folder/atomic-writer.js';
import type { Manifest } from '../run-folder/manifest.js';
import { lockRunFolder } from '../run-folder/run-lock.js';
import type { ModelRetirement } from '../util/model-retirement.js';
import { evaluationFailed, evaluationRecord, thrownEvaluationRecord } from './evaluation-record.js';
import type { RunEvent } from './events.js';
import { lazyModel } from './model-loader.js';
import { runDatasetPhase } from './run-dataset.js';
import { runTrainPhase } from './run-train.js';
import { pointAtSandbox, type SandboxTarget } from './sandbox-providers.js';

export type Phase = 'dataset' | 'train' | 'evaluate';

export interface RunPipelineOptions {
  /** Run folder (default `runs/<pipeline name>` under the current directory). */
  outDir?: string;
  signal?: AbortSignal;
  logger?: Logger;
  workers?: number;
  /** Run one phase on an existing run folder. */
  only?: Phase;
  /** Launch training even over `max_cost_usd`. */
  yes?: boolean;
  noCache?: boolean;
  /** Points every provider of the run at this OpenAI-compatible base URL (the sandbox). */
  sandbox?: SandboxTarget;
  env?: NodeJS.ProcessEnv;
  onEvent?(event: RunEvent): void;
}

export interface RunResult {
  runDir: string;
  manifest: Manifest;
  evaluation?: EvaluationOutcome;
}

const require = createRequire(import.meta.url);
const VERSION = (require('../../package.json') as { version: string }).version;
const MANIFEST = 'manifest.json';

/** The pipeline's providers; in sandbox runs every one of them (and `openai`) points at the sandbox. */
export function effectiveProviders(
  pipeline: LoadedPipeline,
  sandbox?: RunPipelineOptions['sandbox'],
): Record<string, ProviderConfig> {
  const declared: Record<string, ProviderConfig> = {
    openai: { api_key_env: 'OPENAI_API_KEY' },
    ...(pipeline.config.providers ?? {}),
  };
  return sandbox ? pointAtSandbox(declared, sandbox) : declared;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function previousManifest(runDir: string): Promise<Partial<Manifest> | undefined> {
  try {
    return JSON.parse(await readFile(join(runDir, MANIFEST), 'utf8')) as Partial<Manifest>;
  } catch {
    return undefined;
  }
}

/** Runs the pipeline's phases (dataset → train → evaluate) into one run folder with its manifest. */
export async function runPipeline(pipeline: LoadedPipeline, options: RunPipelineOptions = {}): Promise<RunResult> {
  const { config } = pipeline;
  const runDir = resolve(options.outDir ?? join('runs', config.name));
  await mkdir(runDir, { recursive: true });
  const release = await lockRunFolder(runDir);
  try {
    return await runLocked(pipeline, options, runDir);
  } finally {
    await release();
  }
}

async function runLocked(pipeline: LoadedPipeline, options: RunPipelineOptions, runDir: string): Promise<RunResult> {
  const { config } = pipeline;
  const signal = options.signal ?? new AbortController().signal;
  setMaxListeners(0, signal); // requests in flight each listen on it; scoped signals keep that bounded
  const logger = options.logger ?? silentLogger;
  const emit = (event: RunEvent) => options.onEvent?.(event);
  const modelId = config.model ?? DEFAULT_MODEL;
  const model = lazyModel(modelId, config.prices);
  const providers = effectiveProviders(pipeline, options.sandbox);
  const wants = (phase: Phase) => options.only === undefined || options.only === phase;
  const previous = options.only ? await previousManifest(runDir) : undefined;
  const startedAt = new Date();
  const manifest: Manifest = {
    specVersion: 'v1',
    tool: { name: 'tunekit', version: VERSION, node: process.version },
    runId: `${config.name}-${startedAt.toISOString().replace(/[-:]/g, '').replace(/\..+/, 'Z')}`,
    status: 'running',
    startedAt: startedAt.toISOString(),
    pipeline: { name: config.name, file: pipeline.file, sha256: pipeline.hash },
    model: modelId,
    sandbox: options.sandbox !== undefined,
    inputs: previous?.inputs ?? [],
    steps: previous?.steps ?? [],
    ledger: previous?.ledger ?? [],
    outputs: previous?.outputs ?? {},
    tokens: previous?.tokens,
    estimate: previous?.estimate,
    train: previous?.train,
    timings: {},
  };
  const save = () => writeJsonAtomic(join(runDir, MANIFEST), manifest);
  // Written before and after each phase, so a crash leaves a manifest that says how far the run got.
  const timed = async <T>(phase: Phase, work: () => Promise<T>): Promise<T> => {
    emit({ type: 'phase-start', phase });
    await save();
    const start = performance.now();
    try {
      return await work();
    } finally {
      const ms = Math.round(performance.now() - start);
      manifest.timings[phase] = ms;
      emit({ type: 'phase-end', phase, ms });
    }
  };
  const references: Partial<Record<RuntimeReference, string>> = {};
  let files: { train: string; validation?: string } = {
    train: join(runDir, 'train.jsonl'),
    validation: (await exists(join(runDir, 'validation.jsonl'))) ? join(runDir, 'validation.jsonl') : undefined,
  };
  let evaluation: EvaluationOutcome | undefined;
  try {
    if (pipeline.sources.length > 0 && wants('dataset')) {
      const result = await timed('dataset', () =>
        runDatasetPhase(pipeline, {
          runDir,
          signal,
          logger,
          workers: options.workers ?? 1,
          model,
          onEvent: options.onEvent,
        }),
      );
      Object.assign(
        manifest,
        { steps: result.steps, ledger: result.ledger, inputs: result.inputs, outputs: result.outputs },
        result.lifted,
      );
      files = result.files;
      await save();
    }
    if (pipeline.sources.length > 0) {
      references['dataset.outputs.train'] = files.train;
      if (files.validation) references['dataset.outputs.validation'] = files.validation;
    }
    if (pipeline.train && wants('train')) {
      if (!(await exists(files.train))) {
        throw new TunekitError('RUN_FOLDER_INVALID', `no train.jsonl in ${runDir}: run the dataset phase first`, {
          context: { file: runDir },
        });
      }
      const trained = await timed('train', async () =>
        runTrainPhase({
          trainer: { use: pipeline.train!.use, with: pipeline.train!.options },
          baseDir: pipeline.baseDir,
          runDir,
          runId: manifest.runId,
          model: await model(),
          providers,
          files,
          signal,
          logger,
          yes: options.yes === true,
          env: options.env,
          onEvent: (event) => emit({ type: 'train-event', event }),
        }),
      );
      manifest.train = trained;
      await save();
    }
    const trainedModel = (manifest.train as { result?: { model?: string } } | undefined)?.result?.model;
    if (trainedModel) references['train.model'] = trainedModel;
    if (pipeline.evaluate && wants('evaluate')) {
      const train = manifest.train as
        | {
            result?: { model?: string; costUsd?: number; trainedTokens?: number; metricsFile?: string };
            estimate?: { retires?: ModelRetirement };
          }
        | undefined;
      const retires = train?.estimate?.retires;
      const evaluateOptions = resolveRuntimeReferences(pipeline.evaluate.options, references);
      const outcome = await timed('evaluate', () =>
        pipeline.evaluate!.plugin.run(evaluateOptions, {
          runDir,
          baseDir: pipeline.baseDir,
          logger,
          signal,
          providers,
          model: modelId,
          prices: config.prices,
          dataset: pipeline.sources.length > 0 ? { train: files.train, validation: files.validation } : undefined,
          train: train?.result && { ...train.result, ...(retires && { retires }) },
          noCache: options.noCache,
          env: options.env,
          sandbox: options.sandbox !== undefined,
          onProgress: (progress) => emit({ type: 'evaluate-progress', ...progress }),
        }),
      ).catch((error: unknown) => {
        manifest.evaluate = thrownEvaluationRecord(error);
        throw error;
      });
      manifest.evaluate = evaluationRecord(outcome);
      if (outcome.failure) throw evaluationFailed(outcome.failure);
      evaluation = outcome;
    }
    manifest.status = 'succeeded';
  } catch (error) {
    manifest.status = TunekitError.is(error, 'ABORTED') ? 'aborted' : 'failed';
    manifest.error = TunekitError.is(error)
      ? { code: error.code, message: error.message }
      : { code: 'INTERNAL', message: String(error) };
    throw error;
  } finally {
    manifest.finishedAt = new Date().toISOString();
    await save();
  }
  return { runDir, manifest, evaluation };
}

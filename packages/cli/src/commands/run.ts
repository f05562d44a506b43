import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPipeline, type RunEvent, runPipeline, TunekitError } from '@tunekit/core';
import { Option } from 'commander';
import { type CliIO, println } from '../io.js';
import { assertPhaseExists } from '../only-phase.js';
import { numberOption } from '../option-values.js';
import { checkFolderTarget } from '../path-checks.js';
import { datasetProgress } from '../render/dataset-progress.js';
import { evaluateProgress } from '../render/evaluate-progress.js';
import { renderRunSummary } from '../render/run-summary.js';
import { SANDBOX_STATE_DIR } from '../run-sandbox.js';
import { startSandboxSession } from '../sandbox-session.js';
import { cliLogger } from './cli-logger.js';
import type { RegisterCommand } from './command.js';

interface RunFlags {
  out?: string;
  sandbox?: boolean;
  live?: boolean;
  yes?: boolean;
  only?: 'dataset' | 'train' | 'evaluate';
  workers?: string;
  cache: boolean;
  json?: boolean;
  timeScale?: string;
}

/**
 * `--workers`: a positive integer, at most the cores there are (default: all of them). The pool's work is CPU-bound,
 * so threads beyond the cores add only memory (a heap and a tokenizer each): asked for more, the run says so and uses
 * the cores.
 */
function workerCount(value: string | undefined, cores: number, warn: (message: string) => void): number {
  const parsed = numberOption(value, '--workers', { integer: true, min: 1 });
  if (parsed === undefined) return cores;
  if (parsed <= cores) return parsed;
  warn(`--workers ${parsed} is more than the ${cores} cores here: using ${cores}`);
  return cores;
}

/** Without a key, pipelines that call models run in the sandbox (and say so); `--live` insists on the real service. */
function decideSandbox(flags: RunFlags, callsModels: boolean, env: NodeJS.ProcessEnv): boolean {
  if (flags.sandbox && flags.live) throw new TunekitError('USAGE', '--sandbox and --live exclude each other');
  if (flags.sandbox) return true;
  if (flags.live || !callsModels) return false;
  return !env.OPENAI_API_KEY;
}

interface TrainRender {
  update(event: unknown): void;
  stop(): void;
}

// Resolved at run time so the command works whether or not the train renderer is built in.
const TRAIN_PROGRESS = '../render/train-progress.js';
async function loadTrainProgress(io: CliIO): Promise<TrainRender | undefined> {
  const module = (await import(TRAIN_PROGRESS).catch(() => undefined)) as
    | { trainProgress?(io: CliIO): TrainRender }
    | undefined;
  return module?.trainProgress?.(io);
}

export const registerRun: RegisterCommand = (program, io) => {
  program
    .command('run')
    .description('Run a pipeline: dataset → train → evaluate, into a run folder with manifest.json.')
    .argument('<pipeline>', 'pipeline YAML file')
    .option('-o, --out <dir>', 'run folder (default runs/<pipeline name>)')
    .option('--sandbox', 'use the built-in OpenAI-compatible sandbox (default when OPENAI_API_KEY is not set)')
    .option('--live', 'call the real services (needs the API keys the providers name)')
    .option('-y, --yes', 'launch training even when the estimate is over max_cost_usd')
    .addOption(
      new Option('--only <phase>', 'run one phase on an existing run folder').choices(['dataset', 'train', 'evaluate']),
    )
    .option(
      '--workers <n>',
      'threads that tokenize and dedupe, the main thread included (default and most: the number of cores)',
    )
    .option('--no-cache', 'do not reuse cached model responses')
    .option(
      '--time-scale <factor>',
      'sandbox clock: multiplies simulated durations, at most 1000 (1: a job takes about a minute)',
    )
    .option('--json', 'print the manifest as JSON')
    .action(async (file: string, flags: RunFlags) => {
      // Option values and the run folder are checked before any work.
      const timeScale = numberOption(flags.timeScale, '--time-scale', { above: 0, max: 1000 });
      const logger = cliLogger(io);
      const workers = workerCount(flags.workers, availableParallelism(), (message) => logger.warn(message));
      if (flags.out) await checkFolderTarget(flags.out, '--out');
      const pipeline = await loadPipeline(file, { env: io.env, only: flags.only });
      assertPhaseExists(pipeline, flags.only);
      const { train, evaluate: evaluation } = pipeline;
      const runs = (phase: 'train' | 'evaluate') => flags.only === undefined || flags.only === phase;
      const trainCalls = train !== undefined && runs('train') && (train.plugin.callsModels?.(train.options) ?? true);
      const evaluationCalls =
        evaluation !== undefined && runs('evaluate') && (evaluation.plugin.callsModels?.(evaluation.options) ?? true);
      const callsModels = trainCalls || evaluationCalls;
      const useSandbox = decideSandbox(flags, callsModels, io.env);
      if (!useSandbox && flags.live && callsModels && !io.env.OPENAI_API_KEY && !pipeline.config.providers) {
        throw new TunekitError(
          'MISSING_API_KEY',
          'OPENAI_API_KEY is not set; export it, or drop --live to run in the sandbox',
        );
      }
      const outDir = resolve(flags.out ?? join('runs', pipeline.config.name));
      if (!flags.out) await checkFolderTarget(outDir, 'the run folder', 'choose another with --out');
      const sandbox = useSandbox
        ? await startSandboxSession(io, {
            timeScale,
            dataDir: join(outDir, SANDBOX_STATE_DIR),
            reason: flags.sandbox ? undefined : 'OPENAI_API_KEY is not set (use --live for the real service)',
          })
        : undefined;
      const controller = new AbortController();
      const onSignal = () => {
        if (controller.signal.aborted) process.exit(130);
        println(io.stderr, 'tunekit: stopping… (Ctrl-C again to force)');
        controller.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const dataset = datasetProgress(io);
      const evaluate = evaluateProgress(io);
      const trainRender = await loadTrainProgress(io);
      const onEvent = (event: RunEvent) => {
        if (event.type === 'dataset-progress') dataset.update(event);
        else if (event.type === 'phase-end' && event.phase === 'dataset') dataset.stop();
        else if (event.type === 'evaluate-progress') evaluate.update(event);
        else if (event.type === 'phase-end' && event.phase === 'evaluate') evaluate.stop();
        else if (event.type === 'train-event') trainRender?.update(event.event);
        else if (event.type === 'phase-end' && event.phase === 'train') trainRender?.stop();
        else if (event.type === 'phase-start' && !io.isTTY && !flags.json)
          println(io.stdout, `tunekit: ${event.phase}…`);
      };
      try {
        const result = await runPipeline(pipeline, {
          outDir,
          signal: controller.signal,
          logger,
          workers,
          only: flags.only,
          yes: flags.yes,
          noCache: flags.cache === false,
          sandbox: sandbox ? { baseURL: sandbox.baseURL, apiKeyEnv: sandbox.apiKeyEnv } : undefined,
          env: io.env,
          onEvent,
        });
        if (flags.json) println(io.stdout, JSON.stringify(result.manifest, null, 2));
        else println(io.stdout, renderRunSummary(result.manifest, result.runDir));
        if (result.evaluation && !result.evaluation.gatePassed) io.exitCode = 1;
      } finally {
        dataset.stop();
        evaluate.stop();
        trainRender?.stop();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await sandbox?.close();
      }
    });
};

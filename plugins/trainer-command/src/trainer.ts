import { mkdir, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  isTerminalTrainerStatus,
  type PluginEnv,
  redactEnvSecrets,
  type Trainer,
  type TrainerCheckpoint,
  type TrainerControl,
  type TrainerEvent,
  type TrainerInput,
  type TrainerResult,
  type TrainerState,
  TunekitError,
} from '@tunekit/core';
import { estimateTrainingFile } from '@tunekit/format';
import { listCheckpoints } from './checkpoints.js';
import { FileTail } from './file-tail.js';
import {
  clearEarlierStart,
  type ExitRecord,
  jobFiles,
  jobStartedAt,
  readExitRecord,
  readSupervisorPid,
} from './job-folder.js';
import { prepareJobPlaces } from './job-places.js';
import { type JobPlan, planJob } from './job-plan.js';
import { jobRuns, signalJob, startJob } from './job-process.js';
import { jobStatus } from './job-status.js';
import { MetricReader, type PlacedMetric, writeMetricsCsv } from './metric-reader.js';
import type { TrainerCommandOptions } from './options.js';

export const TRAINER_ID = 'trainer-command';

/** What this trainer keeps in `trainer-state.json`. */
export interface CommandTrainerState extends TrainerState {
  jobDir: string;
  outputDir: string;
  argv: string[];
  /** The JSONL log the losses are read from, when the options name one. */
  metricsFile?: string;
  /** The supervisor's pid (its process group holds the program). */
  pid?: number;
  startedAt?: string;
}

/** How long a cancel waits for the program to stop after SIGTERM before it kills the group. */
const CANCEL_GRACE_MS = 10_000;
/** Lines of the program's output quoted when it fails. */
const FAILURE_LINES = 5;

function commandState(state: TrainerState): CommandTrainerState {
  if (typeof state.jobDir !== 'string') throw new TunekitError('RUN_FOLDER_INVALID', 'the trainer state names no job');
  return state as CommandTrainerState;
}

/**
 * The last non-empty lines of the program's output, for a failure message (kept in trainer-state.json): a
 * credential the program printed (an error quoting a token) is masked.
 */
async function outputTail(jobDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const tail = new FileTail(jobFiles(jobDir).output);
  const last: string[] = [];
  const keep = (line: string) => {
    if (line.trim()) last.push(line.trim());
    if (last.length > FAILURE_LINES) last.shift();
  };
  await tail.read(keep);
  tail.rest().forEach(keep);
  return redactEnvSecrets(last.join(' | '), env).slice(-800);
}

/** The checkpoints the job has written: none before its supervisor started (it writes its pid first). */
async function checkpointsOf(state: CommandTrainerState): Promise<TrainerCheckpoint[]> {
  const since = await jobStartedAt(state.jobDir);
  return since === undefined ? [] : listCheckpoints(state.outputDir, since);
}

/** The hours the program ran at `usdPerHour`, when both are known. */
function machineCost(exit: ExitRecord | undefined, usdPerHour: number | undefined): number | undefined {
  if (!exit?.startedAt || usdPerHour === undefined) return undefined;
  const hours = (Date.parse(exit.endedAt) - Date.parse(exit.startedAt)) / 3_600_000;
  return Number.isFinite(hours) ? Math.max(0, hours) * usdPerHour : undefined;
}

/** The state of a planned job, before its supervisor runs. */
function jobState(job: JobPlan, input: TrainerInput): CommandTrainerState {
  return {
    trainer: TRAINER_ID,
    datasetHash: input.datasetHash,
    jobKey: job.jobKey,
    phase: 'creating',
    jobId: job.jobId,
    jobDir: job.jobDir,
    outputDir: job.outputDir,
    argv: job.argv,
    ...(job.metricsFile ? { metricsFile: job.metricsFile } : {}),
  };
}

async function allMetrics(source: string): Promise<PlacedMetric[]> {
  return new MetricReader(source).next(true);
}

export function createCommandTrainer(options: TrainerCommandOptions, plugin: PluginEnv): Trainer {
  const metricsSource = (state: CommandTrainerState) => state.metricsFile ?? jobFiles(state.jobDir).output;
  const plans = new Map<string, Promise<JobPlan>>();
  const plan = (input: TrainerInput, runDir: string) => {
    const key = `${input.datasetHash}\n${runDir}`;
    let planned = plans.get(key);
    if (!planned) {
      planned = planJob(options, input, runDir, plugin);
      plans.set(key, planned);
    }
    return planned;
  };

  return {
    specVersion: 'v1',

    async estimate(input, rt) {
      await plan(input, rt.runDir);
      const estimate = await estimateTrainingFile(input.trainFile, rt.model, options.epochs);
      // A program on your own machine has no per-token price: tokens and epochs only.
      return { ...estimate, costUsd: undefined, pricePerMillion: undefined, priceAsOf: undefined };
    },

    async attach(input, rt) {
      const job = await plan(input, rt.runDir);
      const saved = (await rt.loadState()) as CommandTrainerState | undefined;
      const ours = saved?.trainer === TRAINER_ID && saved.jobKey === job.jobKey;
      if (ours && saved.pid !== undefined) return saved;
      if (!ours && saved?.trainer === TRAINER_ID && saved.pid && jobRuns(saved.pid, saved.jobDir)) {
        rt.logger.warn(`${saved.jobId} was started for other data or settings; it is left running (pid ${saved.pid})`);
      }
      // The supervisor wrote its pid in the job folder: a run killed before saving it, or a state that no longer
      // names the job (removed, or another job's since) while its program runs, finds it there.
      const pid = await readSupervisorPid(job.jobDir);
      if (pid === undefined) return undefined;
      if (!ours && (await jobStatus(job.jobDir, pid)).status !== 'running') return undefined;
      const adopted: CommandTrainerState = { ...jobState(job, input), phase: 'created', pid };
      await rt.saveState(adopted);
      return adopted;
    },

    async launch(input, rt) {
      const job = await plan(input, rt.runDir);
      await prepareJobPlaces(job, rt.env);
      await mkdir(job.jobDir, { recursive: true });
      await clearEarlierStart(job.jobDir);
      if (job.config) await writeFile(job.config.path, job.config.text);
      const state = jobState(job, input);
      await rt.saveState(state);
      state.pid = await startJob(job.jobDir, job.argv, job.cwd, rt.env, job.env);
      state.phase = 'created';
      state.startedAt = new Date().toISOString();
      await rt.saveState(state);
      const log = relative(rt.runDir, jobFiles(job.jobDir).output);
      rt.logger.info(`started ${job.argv.join(' ')} (pid ${state.pid}); its output goes to ${log} in the run folder`);
      return state;
    },

    async *watch(saved, rt) {
      const state = commandState(saved);
      const metrics = new MetricReader(metricsSource(state));
      const seenCheckpoints = new Set<string>();
      let last = '';
      for (;;) {
        const current = await jobStatus(state.jobDir, state.pid);
        const finished = isTerminalTrainerStatus(current.status);
        for (const metric of await metrics.next(finished)) yield { type: 'metric', ...metric } satisfies TrainerEvent;
        for (const checkpoint of await checkpointsOf(state)) {
          if (seenCheckpoints.has(checkpoint.id)) continue;
          seenCheckpoints.add(checkpoint.id);
          yield { type: 'checkpoint', ...checkpoint };
        }
        if (current.rawStatus !== last) {
          last = current.rawStatus;
          yield { type: 'status', status: current.status, rawStatus: current.rawStatus, jobId: state.jobId };
        }
        if (finished) return;
        try {
          await sleep(options.poll_interval_ms, undefined, { signal: rt.signal });
        } catch {
          return;
        }
      }
    },

    async result(saved, rt): Promise<TrainerResult> {
      const state = commandState(saved);
      const current = await jobStatus(state.jobDir, state.pid);
      if (!isTerminalTrainerStatus(current.status)) {
        throw new TunekitError('INTERNAL', `${state.jobId} has not ended (${current.rawStatus})`);
      }
      const checkpoints = await checkpointsOf(state);
      const metricsFile = await writeMetricsCsv(await allMetrics(metricsSource(state)), rt);
      const costUsd = machineCost(await readExitRecord(state.jobDir), options.usd_per_hour);
      const base = {
        status: current.status,
        jobId: state.jobId,
        checkpoints,
        ...(metricsFile ? { metricsFile } : {}),
        ...(costUsd !== undefined ? { costUsd } : {}),
      };
      if (current.status === 'succeeded') {
        return {
          ...base,
          model: options.model,
          ...(options.provider ? { provider: options.provider } : {}),
          baseModel: options.base_model ?? rt.model.id,
        };
      }
      const output = current.status === 'failed' ? await outputTail(state.jobDir, rt.env) : '';
      const message = output ? `${current.ending?.message}; its output ends: ${output}` : current.ending?.message;
      return { ...base, error: { code: current.ending?.code ?? 'failed', message: message ?? current.rawStatus } };
    },

    async cancel(saved, rt) {
      const state = commandState(saved);
      const pid = state.pid ?? (await readSupervisorPid(state.jobDir));
      if (pid === undefined || (await jobStatus(state.jobDir, pid)).status !== 'running') return;
      await writeFile(jobFiles(state.jobDir).cancel, `${new Date().toISOString()}\n`);
      signalJob(pid, state.jobDir, 'SIGTERM');
      const deadline = Date.now() + CANCEL_GRACE_MS;
      while (jobRuns(pid, state.jobDir) && Date.now() < deadline) await sleep(100);
      if (jobRuns(pid, state.jobDir)) {
        rt.logger.warn(`${state.jobId} did not stop within ${CANCEL_GRACE_MS / 1000} s of SIGTERM: killing it`);
        signalJob(pid, state.jobDir, 'SIGKILL');
      }
    },

    async status(saved, rt: TrainerControl) {
      const state = commandState(saved);
      const current = await jobStatus(state.jobDir, state.pid);
      let detail: string | undefined;
      if (current.status === 'failed') detail = await outputTail(state.jobDir, rt.env);
      else {
        const metrics = await allMetrics(metricsSource(state));
        const lastTrain = metrics.findLast((m) => m.trainLoss !== undefined);
        if (lastTrain) {
          const of = lastTrain.totalSteps ? `/${lastTrain.totalSteps}` : '';
          detail = `step ${lastTrain.step}${of}, train loss ${lastTrain.trainLoss}`;
        }
      }
      return { status: current.status, rawStatus: current.rawStatus, ...(detail ? { detail } : {}) };
    },
  };
}

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ModelContext,
  runTrainPhase,
  type TrainPhaseArgs,
  type TrainPhaseEvent,
  trainCancel,
  trainStatus,
} from '@tunekit/core';
import { createModelContext } from '@tunekit/format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTunekitError } from './helpers/expect-error.js';
import { runCli } from './helpers/run-cli.js';

// The trainer runs a real program in a real process group; the program here is a stand-in for axolotl that prints
// what Hugging Face's Trainer prints and saves checkpoints (plugins/trainer-command/src/fixtures/fake-trainer.mjs).
const FAKE = resolve(import.meta.dirname, '../plugins/trainer-command/src/fixtures/fake-trainer.mjs');
const CLI = resolve(import.meta.dirname, '../packages/cli/dist/bin.js');
const CSV = resolve(import.meta.dirname, '../data/disc-lawllm/mcq_sing_lbk.csv');
const MODEL = 'gpt-4o-mini-2024-07-18';

let root: string;
let model: ModelContext;
const files = { train: '', validation: '' };

const jsonl = (lines: unknown[]) => `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
const chat = (question: string, answer: string) => ({
  messages: [
    { role: 'system', content: '你是法律考试助手。' },
    { role: 'user', content: question },
    { role: 'assistant', content: answer },
  ],
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tunekit-train-command-'));
  const rows = (await readFile(CSV, 'utf8')).trim().split('\n').slice(1, 41);
  const examples = rows.map((row) => {
    const [question, answer] = row.split(',');
    return chat(question ?? '', answer ?? '');
  });
  files.train = join(root, 'train.jsonl');
  files.validation = join(root, 'validation.jsonl');
  await writeFile(files.train, jsonl(examples.slice(0, 32)));
  await writeFile(files.validation, jsonl(examples.slice(32)));
  model = await createModelContext({ model: MODEL });
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

let runs = 0;
const newDir = () => mkdtemp(join(root, `run-${++runs}-`));

function trainArgs(runDir: string, options: Record<string, unknown>, overrides: Partial<TrainPhaseArgs> = {}) {
  const events: TrainPhaseEvent[] = [];
  const logs: string[] = [];
  const args: TrainPhaseArgs = {
    trainer: { use: 'trainer-command', with: { model: 'legal-lora', poll_interval_ms: 20, ...options } },
    baseDir: root,
    runDir,
    runId: `run-${runs}`,
    model,
    providers: { local: { base_url: 'http://127.0.0.1:8000/v1' } },
    files: { ...files },
    signal: new AbortController().signal,
    logger: { debug() {}, info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) },
    yes: false,
    onEvent: (event) => events.push(event),
    ...overrides,
  };
  return { args, events, logs };
}

/** A run that stops watching once the program runs: it goes on in the background. */
function watchUntilRunning(runDir: string, options: Record<string, unknown>) {
  const controller = new AbortController();
  const run = trainArgs(runDir, options, { signal: controller.signal });
  run.args.onEvent = (event) => {
    run.events.push(event);
    if (event.type === 'status' && event.status === 'running') controller.abort();
  };
  return run;
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** The first `count` lines of a file some program is writing. */
async function waitForLines(path: string, count: number): Promise<string[]> {
  await until(async () => existsSync(path) && (await lines(path)).length >= count);
  return lines(path);
}

const fakeCommand = (...extra: string[]) => [
  process.execPath,
  FAKE,
  '--train',
  '{{train_file}}',
  '--output',
  '{{output_dir}}',
  ...extra,
];

const lines = async (path: string) => (await readFile(path, 'utf8')).trim().split('\n');

describe('trainer-command', () => {
  it('runs the program with the files, config and environment filled in, follows it and collects the adapter', async () => {
    const runDir = await newDir();
    const starts = join(runDir, 'starts.txt');
    await writeFile(
      join(root, 'axolotl.yml'),
      [
        'datasets: [{ path: "{{train_file}}", type: chat_template }]',
        'test_datasets: [{ path: "{{ validation_file }}" }]',
        'base_model: {{base_model}}',
        'chat_template_jinja: "{{ message.content }}"',
        '',
      ].join('\n'),
    );
    const { args, events } = trainArgs(runDir, {
      command: fakeCommand('--config', '{{config}}', '--starts', starts),
      config: { template: 'axolotl.yml' },
      provider: 'local',
      base_model: 'Qwen/Qwen2.5-7B-Instruct',
      epochs: 2,
      env: { FAKE_EPOCHS: '{{epochs}}' },
      usd_per_hour: 3.6,
    });
    const { estimate, result } = await runTrainPhase(args);

    // Tokens and epochs, but no price: a program on your own machine is not billed per token.
    expect(estimate).toMatchObject({ examples: 32, epochs: 2 });
    expect(estimate.trainingTokens).toBe(2 * estimate.billingTokens);
    expect(estimate.costUsd).toBeUndefined();
    expect(result).toMatchObject({
      status: 'succeeded',
      model: 'legal-lora',
      provider: 'local',
      baseModel: 'Qwen/Qwen2.5-7B-Instruct',
    });
    const jobDir = join(runDir, 'training', result.jobId ?? '');
    // The machine's time at its hourly price: 3.6 $/h is 0.001 $ a second.
    const exit = JSON.parse(await readFile(join(jobDir, 'exit.json'), 'utf8'));
    expect(exit).toMatchObject({ code: 0, signal: null });
    const seconds = (Date.parse(exit.endedAt) - Date.parse(exit.startedAt)) / 1000;
    expect(seconds).toBeGreaterThan(0.05);
    expect(result.costUsd).toBeCloseTo(seconds * 0.001, 12);
    expect(result.checkpoints.map((c) => [c.id, c.step])).toEqual([
      ['checkpoint-3', 3],
      ['checkpoint-6', 6],
    ]);
    expect(existsSync(join(jobDir, 'output', 'adapter_config.json'))).toBe(true);

    // The config: this run's paths in, the Jinja chat template untouched.
    const config = await readFile(join(jobDir, 'axolotl.yml'), 'utf8');
    expect(config).toContain(`path: "${files.train}"`);
    expect(config).toContain(`path: "${files.validation}"`);
    expect(config).toContain('base_model: Qwen/Qwen2.5-7B-Instruct');
    expect(config).toContain('chat_template_jinja: "{{ message.content }}"');
    const output = await readFile(join(jobDir, 'output.log'), 'utf8');
    expect(output).toContain('Loaded 32 training examples; epochs from env: 2; PYTHONUNBUFFERED=1');
    expect(output).toContain(`config: datasets: [{ path: "${files.train}"`);

    // Losses at the steps of the progress bar, evaluations on the same step, and the summary left out.
    const metrics = events.filter((e) => e.type === 'metric');
    expect(metrics).toEqual([
      { type: 'metric', step: 2, totalSteps: 6, trainLoss: 1 },
      { type: 'metric', step: 2, validLoss: 0.8333 },
      { type: 'metric', step: 4, totalSteps: 6, trainLoss: 0.5 },
      { type: 'metric', step: 6, totalSteps: 6, trainLoss: 0.3333 },
      { type: 'metric', step: 6, validLoss: 0.4167 },
    ]);
    expect(events.filter((e) => e.type === 'checkpoint').map((e) => (e as { id: string }).id)).toEqual([
      'checkpoint-3',
      'checkpoint-6',
    ]);
    expect(events.filter((e) => e.type === 'status').at(-1)).toMatchObject({
      status: 'succeeded',
      rawStatus: 'exit code 0',
    });
    expect(await readFile(result.metricsFile ?? '', 'utf8')).toBe(
      [
        'step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy',
        '2,1,,0.8333,',
        '4,0.5,,,',
        '6,0.3333,,0.4167,',
        '',
      ].join('\n'),
    );

    // A rerun re-attaches to the finished job: the program ran once.
    const again = trainArgs(runDir, args.trainer.with as Record<string, unknown>);
    const rerun = await runTrainPhase(again.args);
    expect(rerun.result.model).toBe('legal-lora');
    expect(again.events.some((e) => e.type === 'attached')).toBe(true);
    expect(await lines(starts)).toHaveLength(1);
    // Other data is another job.
    const other = trainArgs(runDir, args.trainer.with as Record<string, unknown>, {
      files: { train: files.train, validation: files.train },
    });
    await runTrainPhase(other.args);
    expect(await lines(starts)).toHaveLength(2);
    expect(await readdir(join(runDir, 'training'))).toHaveLength(2);
  });

  it('lists only the checkpoints this job wrote when output_dir is shared with an earlier job', async () => {
    const runDir = await newDir();
    const stale = join(runDir, 'shared', 'checkpoint-99');
    await mkdir(stale, { recursive: true });
    await writeFile(join(stale, 'trainer_state.json'), '{}');
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(join(stale, 'trainer_state.json'), hourAgo, hourAgo);
    await utimes(stale, hourAgo, hourAgo);
    const options = { command: fakeCommand(), output_dir: 'shared' };
    const first = trainArgs(runDir, options);
    const { result } = await runTrainPhase(first.args);
    expect(result.checkpoints.map((c) => c.id)).toEqual(['checkpoint-3', 'checkpoint-6']);
    expect(first.events.filter((e) => e.type === 'checkpoint')).toHaveLength(2);
    // Other data, the same output_dir: the checkpoints it writes again count, the stale one still does not.
    const second = trainArgs(runDir, options, { files: { train: files.validation, validation: files.validation } });
    const again = await runTrainPhase(second.args);
    expect(again.result.jobId).not.toBe(result.jobId);
    expect(again.result.checkpoints.map((c) => c.id)).toEqual(['checkpoint-3', 'checkpoint-6']);
  });

  it('reads the losses of a metrics file when one is named (LLaMA-Factory), with the time left', async () => {
    const runDir = await newDir();
    const { args, events } = trainArgs(runDir, {
      command: fakeCommand('--jsonl', '{{output_dir}}/trainer_log.jsonl', '--steps', '3'),
      metrics_file: '{{output_dir}}/trainer_log.jsonl',
    });
    const { result } = await runTrainPhase(args);
    expect(result.status).toBe('succeeded');
    expect(events.filter((e) => e.type === 'metric')).toEqual([
      { type: 'metric', step: 1, totalSteps: 3, trainLoss: 2, etaSeconds: 2 },
      { type: 'metric', step: 2, totalSteps: 3, trainLoss: 1, etaSeconds: 1 },
      { type: 'metric', step: 3, totalSteps: 3, trainLoss: 0.6667, etaSeconds: 0 },
    ]);
  });

  it('a failing program fails the run with its exit code and the end of its output; removing the state starts it again', async () => {
    const runDir = await newDir();
    const { args, events } = trainArgs(runDir, { command: fakeCommand('--fail-once', join(runDir, 'failed-once')) });
    const error = await expectTunekitError(runTrainPhase(args), 'TRAINER_FAILED');
    expect(error.message).toMatch(/ failed: exit_1: exit code 1; its output ends: .*CUDA out of memory/);
    const status = await trainStatus(runDir, { logger: quiet });
    expect(status).toMatchObject({ trainer: 'trainer-command', status: 'failed', phase: 'finished' });
    // A rerun collects the same failure; without trainer-state.json the same job starts afresh.
    await expectTunekitError(
      runTrainPhase(trainArgs(runDir, args.trainer.with as Record<string, unknown>).args),
      'TRAINER_FAILED',
    );
    expect(events.filter((e) => e.type === 'metric')).toHaveLength(0);
    await rm(join(runDir, 'trainer-state.json'));
    const again = trainArgs(runDir, args.trainer.with as Record<string, unknown>);
    const { result } = await runTrainPhase(again.args);
    expect(result.status).toBe('succeeded');
    expect(again.events.filter((e) => e.type === 'metric')).toHaveLength(5);
    const jobDir = join(runDir, 'training', result.jobId ?? '');
    expect(await readFile(join(jobDir, 'output.log'), 'utf8')).not.toContain('CUDA out of memory');
    expect(await readFile(join(jobDir, 'output.previous.log'), 'utf8')).toContain('CUDA out of memory');
  });

  it('a credential the failing program printed is masked in the failure kept in trainer-state.json', async () => {
    const runDir = await newDir();
    const token = 'hf_zyxwvutsrqponmlkjihg';
    const said = join(runDir, 'said.txt');
    await writeFile(said, `401 Client Error: invalid token ${token}\n`);
    const script = "process.stderr.write(require('node:fs').readFileSync(process.argv[1], 'utf8')); process.exit(1)";
    const { args } = trainArgs(
      runDir,
      { command: [process.execPath, '-e', script, said] },
      { env: { ...process.env, HF_TOKEN: token } },
    );
    const error = await expectTunekitError(runTrainPhase(args), 'TRAINER_FAILED');
    expect(error.message).toContain('invalid token ***HF_TOKEN***');
    expect(await readFile(join(runDir, 'trainer-state.json'), 'utf8')).not.toContain(token);
  });

  it('refuses a program that does not exist, or a placeholder without a value, before starting anything', async () => {
    const runDir = await newDir();
    const missing = trainArgs(runDir, { command: ['axolotl-not-installed', 'train', '{{config}}'] });
    // {{config}} without `config:` is named first: the plan is checked at the estimate.
    expect((await expectTunekitError(runTrainPhase(missing.args), 'OPTION_INVALID')).message).toMatch(
      /`command\[2\]`: \{\{config\}\} has no value/,
    );
    const notInstalled = trainArgs(runDir, { command: ['axolotl-not-installed', 'train', '{{train_file}}'] });
    const error = await expectTunekitError(runTrainPhase(notInstalled.args), 'OPTION_INVALID');
    expect(error.render()).toMatch(/axolotl-not-installed is not an executable.*not found on PATH/);
    const noValidation = trainArgs(
      runDir,
      { command: fakeCommand('--eval', '{{validation_file}}') },
      { files: { train: files.train } },
    );
    expect((await expectTunekitError(runTrainPhase(noValidation.args), 'OPTION_INVALID')).render()).toMatch(
      /\{\{validation_file\}\} has no value in this run.*add a `split` step/,
    );
    // A config template that cannot be read says why.
    const folder = trainArgs(runDir, { command: fakeCommand('--config', '{{config}}'), config: { template: '.' } });
    expect((await expectTunekitError(runTrainPhase(folder.args), 'INPUT_NOT_FOUND')).render()).toMatch(
      /`config.template`: cannot read .*: it is a folder/,
    );
    const absent = trainArgs(runDir, { command: fakeCommand(), config: { template: 'missing.yml' } });
    expect((await expectTunekitError(runTrainPhase(absent.args), 'INPUT_NOT_FOUND')).render()).toMatch(
      /cannot read .*missing\.yml: no such file — a relative path is read from the pipeline file's folder/,
    );
    // A credential interpolated into the options would be written to trainer-state.json: refused, never echoed.
    const token = 'hf_abcdefghijklmnopqrstu';
    const leaking = trainArgs(runDir, { command: fakeCommand('--token', token) }, { env: { HF_TOKEN: token } });
    const leak = await expectTunekitError(runTrainPhase(leaking.args), 'OPTION_INVALID');
    expect(leak.render()).toMatch(/`command\[7\]` holds the value of HF_TOKEN.*leave HF_TOKEN in the environment/);
    expect(leak.render()).not.toContain(token);
    expect(existsSync(join(runDir, 'trainer-state.json'))).toBe(false);
    expect(existsSync(join(runDir, 'training'))).toBe(false);
  });

  it('refuses a working folder that is not there and an output folder that cannot be made, naming the option', async () => {
    const runDir = await newDir();
    await writeFile(join(runDir, 'taken'), '');
    const refused = async (options: Record<string, unknown>) =>
      (
        await expectTunekitError(
          runTrainPhase(trainArgs(runDir, { command: fakeCommand(), ...options }).args),
          'OPTION_INVALID',
        )
      ).render();
    expect(await refused({ cwd: 'no-such-folder' })).toMatch(/`cwd`: .*no-such-folder is not a folder/);
    expect(await refused({ cwd: 'train.jsonl' })).toMatch(/`cwd`: .*train\.jsonl is not a folder/);
    expect(await refused({ output_dir: 'taken' })).toMatch(/`output_dir`: cannot create .*taken: it is a file/);
    expect(await refused({ output_dir: 'taken/adapter' })).toMatch(
      /`output_dir`: cannot create .*a folder on its path is a file/,
    );
    expect(await readdir(runDir)).toEqual(['taken']);
  });

  it('stopping the watch leaves the program running; `train cancel` stops it and `train status` says cancelled', async () => {
    const runDir = await newDir();
    const signals = join(runDir, 'signals.txt');
    const { args } = watchUntilRunning(runDir, { command: fakeCommand('--hang', '--signals', signals) });
    await expectTunekitError(runTrainPhase(args), 'ABORTED');
    expect(await trainStatus(runDir, { logger: quiet })).toMatchObject({ status: 'running' });
    const state = JSON.parse(await readFile(join(runDir, 'trainer-state.json'), 'utf8')).state as {
      pid: number;
      jobDir: string;
    };
    // The program has set up its handler once it prints.
    while (!(await readFile(join(state.jobDir, 'output.log'), 'utf8')).includes('Loaded')) await sleep(10);
    expect(await trainCancel(runDir, { logger: quiet })).toMatchObject({ status: 'cancelled' });
    expect(() => process.kill(state.pid, 0)).toThrow();
    // One SIGTERM: a Trainer that saves a checkpoint on the first would be cut short by a second.
    expect(await lines(signals)).toEqual(['SIGTERM']);
    // The next run collects the cancelled job instead of starting another.
    const rerun = trainArgs(runDir, args.trainer.with as Record<string, unknown>);
    const error = await expectTunekitError(runTrainPhase(rerun.args), 'TRAINER_FAILED');
    expect(error.message).toMatch(/cancelled/);
  });

  it('a rerun finds the running program of its job even without the trainer-state.json that named it', async () => {
    const runDir = await newDir();
    const starts = join(runDir, 'starts.txt');
    const options = { command: fakeCommand('--hang', '--starts', starts) };
    await expectTunekitError(runTrainPhase(watchUntilRunning(runDir, options).args), 'ABORTED');
    const statePath = join(runDir, 'trainer-state.json');
    const { pid } = JSON.parse(await readFile(statePath, 'utf8')).state as { pid: number };
    await waitForLines(starts, 1);
    // Removed to start again, or overwritten by a job with other settings, while the program still runs.
    await rm(statePath);
    const rerun = watchUntilRunning(runDir, options);
    await expectTunekitError(runTrainPhase(rerun.args), 'ABORTED');
    expect(rerun.events.some((e) => e.type === 'attached')).toBe(true);
    expect(JSON.parse(await readFile(statePath, 'utf8')).state).toMatchObject({ pid, phase: 'created' });
    expect(await trainCancel(runDir, { logger: quiet })).toMatchObject({ status: 'cancelled' });
    expect(await lines(starts)).toHaveLength(1);
  });

  it('a supervisor killed with SIGKILL leaves the program running: status says running, cancel stops the program', async () => {
    const runDir = await newDir();
    const starts = join(runDir, 'starts.txt');
    const { args } = watchUntilRunning(runDir, { command: fakeCommand('--hang', '--starts', starts) });
    await expectTunekitError(runTrainPhase(args), 'ABORTED');
    const state = JSON.parse(await readFile(join(runDir, 'trainer-state.json'), 'utf8')).state as { pid: number };
    const program = Number((await waitForLines(starts, 1))[0]?.split(' ')[1]);
    process.kill(state.pid, 'SIGKILL');
    await until(() => !alive(state.pid));
    expect(await trainStatus(runDir, { logger: quiet })).toMatchObject({ status: 'running' });
    expect(await trainCancel(runDir, { logger: quiet })).toMatchObject({ status: 'cancelled' });
    // Killed; init reaps it.
    await until(() => !alive(program));
  });
});

describe('tunekit run with trainer-command', () => {
  const pipeline = (starts: string) =>
    [
      'name: local-train',
      `model: ${MODEL}`,
      'providers:',
      '  local: { base_url: "http://127.0.0.1:8000/v1" }',
      'dataset:',
      `  from: { use: read-csv, with: { path: "${CSV}" } }`,
      '  steps:',
      '    - use: to-chat',
      '      with: { system: "你是法律考试助手。", user: "{{input}}", assistant: "{{output}}" }',
      '    - use: split',
      '      with: { validation: 0.1, seed: 7 }',
      'train:',
      '  use: trainer-command',
      '  with:',
      `    command: ["${process.execPath}", "${FAKE}", --train, "{{train_file}}", --output, "{{output_dir}}", --starts, "${starts}", --delay, "40"]`,
      '    model: exam-lora',
      '    provider: local',
      '    base_model: Qwen/Qwen2.5-7B-Instruct',
      '    poll_interval_ms: 20',
      'evaluate:',
      '  data: validation',
      '  candidates:',
      '    - { name: exam-lora, model: "${{ train.model }}", provider: local }',
      '  scorers: [exact]',
      `  report: [json]`,
      '',
    ].join('\n');

  it('a run killed right after starting the program re-attaches on the next run: the program runs once', async () => {
    const dir = await newDir();
    const starts = join(dir, 'starts.txt');
    const file = join(dir, 'pipeline.yaml');
    await writeFile(file, pipeline(starts));
    const out = join(dir, 'run');
    const env = { ...process.env, OPENAI_API_KEY: '' };
    const child = spawn(process.execPath, [CLI, 'run', file, '--out', out], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('started ')) child.kill('SIGKILL');
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    expect(await exited, output).toBe('SIGKILL');

    const run = await runCli(['run', file, '--out', out, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/re-attached to local-[0-9a-f]{12}/);
    expect(await lines(starts)).toHaveLength(1);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.train.result).toMatchObject({
      status: 'succeeded',
      model: 'exam-lora',
      baseModel: 'Qwen/Qwen2.5-7B-Instruct',
    });
    expect(manifest.evaluate).toBeDefined();
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(JSON.stringify(report)).toContain('Qwen/Qwen2.5-7B-Instruct');
  });

  it('starts no sandbox for a phase that calls no model: --only train on a program of this machine', async () => {
    const dir = await newDir();
    const file = join(dir, 'pipeline.yaml');
    await writeFile(file, pipeline(join(dir, 'starts.txt')));
    const out = join(dir, 'run');
    const env = { ...process.env, OPENAI_API_KEY: '' };
    expect((await runCli(['run', file, '--out', out, '--only', 'dataset'], env)).stderr).not.toContain('sandbox');
    const train = await runCli(['run', file, '--out', out, '--only', 'train'], env);
    expect(train.code, train.stderr).toBe(0);
    expect(train.stderr).not.toContain('sandbox');
    // The evaluation calls models: without a key, it runs in the sandbox and says so.
    const evaluate = await runCli(['run', file, '--out', out, '--only', 'evaluate'], env);
    expect(evaluate.code, evaluate.stderr).toBe(0);
    expect(evaluate.stderr).toContain('sandbox: simulated models');
  });
});

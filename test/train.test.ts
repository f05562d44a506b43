import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type ModelContext,
  runTrainPhase,
  type TrainerControl,
  type TrainPhaseArgs,
  type TrainPhaseEvent,
  trainCancel,
  trainStatus,
} from '@tunekit/core';
import { createModelContext } from '@tunekit/format';
import { type Sandbox, startSandbox } from '@tunekit/sandbox';
import { uploadOnce } from '@tunekit/trainer-openai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTunekitError } from './helpers/expect-error.js';
import { runCli } from './helpers/run-cli.js';

const DATA = `${resolve(import.meta.dirname, '../data')}`;
const KEY_ENV = 'TUNEKIT_TEST_TRAIN_KEY';
const KEY = 'fake_test_never_written_anywhere';
const SFT_MODEL = 'gpt-4o-mini-2024-07-18';
const DPO_MODEL = 'gpt-4.1-mini-2025-04-14';
const SYSTEM = 'Answer the legal question with Yes or No.';

interface Row {
  question: string;
  answer: string;
}

/** Yes/No rows of three LegalBench tasks (real data): the clause or the evidence, asked as a question. */
async function legalRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const task of ['contract_qa', 'hearsay', 'privacy_policy_qa', 'cuad_audit_rights', 'personal_jurisdiction']) {
    const [header, ...lines] = (await readFile(join(DATA, 'legalbench', task, 'train.tsv'), 'utf8')).trim().split('\n');
    const columns = header!.split('\t');
    for (const line of lines) {
      const cells = Object.fromEntries(line.split('\t').map((cell, i) => [columns[i], cell]));
      const answer = cells.answer ?? '';
      if (answer !== 'Yes' && answer !== 'No') continue;
      rows.push({ question: [cells.question, cells.text].filter(Boolean).join('\n\n'), answer });
    }
  }
  return rows;
}

const jsonl = (lines: unknown[]) => `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;

let sandbox: Sandbox;
let root: string;
let rows: Row[];
let sftModel: ModelContext;
let dpoModel: ModelContext;
const files = { sft: '', sftValidation: '', dpo: '' };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timeScale: 0.02, seed: 1 });
  root = await mkdtemp(join(tmpdir(), 'tunekit-train-'));
  rows = await legalRows();
  const chat = rows.map((row) => ({
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: row.question },
      { role: 'assistant', content: row.answer },
    ],
  }));
  files.sft = join(root, 'sft-train.jsonl');
  files.sftValidation = join(root, 'sft-validation.jsonl');
  files.dpo = join(root, 'dpo-train.jsonl');
  await writeFile(files.sft, jsonl(chat.slice(0, -4)));
  await writeFile(files.sftValidation, jsonl(chat.slice(-4)));
  await writeFile(
    files.dpo,
    jsonl(
      rows.map((row) => ({
        input: {
          messages: [
            { role: 'system', content: SYSTEM },
            { role: 'user', content: row.question },
          ],
        },
        preferred_output: [{ role: 'assistant', content: row.answer }],
        non_preferred_output: [{ role: 'assistant', content: row.answer === 'Yes' ? 'No' : 'Yes' }],
      })),
    ),
  );
  sftModel = await createModelContext({ model: SFT_MODEL });
  dpoModel = await createModelContext({ model: DPO_MODEL });
});

afterAll(async () => {
  await sandbox?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

let runCounter = 0;
async function newRunDir(): Promise<string> {
  return mkdtemp(join(root, `run-${++runCounter}-`));
}

function trainArgs(
  runDir: string,
  overrides: Partial<TrainPhaseArgs> & { with?: Record<string, unknown>; baseURL?: string } = {},
) {
  const events: TrainPhaseEvent[] = [];
  const warnings: string[] = [];
  const args: TrainPhaseArgs = {
    trainer: {
      use: 'trainer-openai',
      with: { poll_interval_ms: 20, hyperparameters: { n_epochs: 2 }, ...overrides.with },
    },
    baseDir: root,
    runDir,
    runId: `run-${runCounter}`,
    model: sftModel,
    providers: { openai: { base_url: overrides.baseURL ?? sandbox.baseURL, api_key_env: KEY_ENV } },
    files: { train: files.sft, validation: files.sftValidation },
    signal: new AbortController().signal,
    logger: { debug() {}, info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
    yes: false,
    env: { [KEY_ENV]: KEY },
    onEvent: (event) => events.push(event),
    ...overrides,
  };
  return { args, events, warnings };
}

function client(baseURL = sandbox.baseURL): OpenAI {
  return new OpenAI({ baseURL, apiKey: KEY, maxRetries: 0 });
}

describe('train phase against the sandbox', () => {
  it('trains SFT end to end: model id, billed tokens, metrics.csv, events; a rerun re-attaches without paying', async () => {
    const runDir = await newRunDir();
    const before = sandbox.stats();
    const { args, events, warnings } = trainArgs(runDir, { with: { suffix: 'legal-yes-no', seed: 42 } });
    const { estimate, result } = await runTrainPhase(args);

    expect(result.status).toBe('succeeded');
    expect(result.model).toMatch(/^ft:gpt-4o-mini-2024-07-18:sandbox:legal-yes-no:/);
    // The catalog's retirement of the base model: in the estimate (so in the manifest) and said once.
    expect(estimate.retires).toEqual({
      model: 'gpt-4o-mini-2024-07-18',
      on: '2027-01-14',
      source: "the zh-Hans copy of OpenAI's deprecations page",
      verified: false,
    });
    expect(warnings.filter((w) => w.includes('retire'))).toEqual([
      expect.stringMatching(
        /^train: gpt-4o-mini-2024-07-18 and the fine-tunes built on it retired? on 2027-01-14 \(.+\): the tuned model serves until then$/,
      ),
    ]);
    expect(result.provider).toBe('openai');
    expect(estimate.examples).toBe(rows.length - 4);
    expect(estimate.epochs).toBe(2);
    expect(estimate.trainingTokens).toBe(2 * estimate.billingTokens);
    expect(result.trainedTokens).toBeGreaterThan(0);
    expect(result.costUsd).toBeCloseTo(((result.trainedTokens ?? 0) * (sftModel.prices.training ?? 0)) / 1e6, 10);

    const csv = (await readFile(join(runDir, 'metrics.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy');
    expect(csv.length).toBeGreaterThan(2);
    expect(result.metricsFile).toBe(join(runDir, 'metrics.csv'));

    const statuses = events.flatMap((e) => (e.type === 'status' ? [e.rawStatus] : []));
    expect(statuses.at(-1)).toBe('succeeded');
    const steps = events.flatMap((e) => (e.type === 'metric' ? [e.step] : []));
    expect(steps.length).toBeGreaterThan(0);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(steps.length);

    const job = await client().fineTuning.jobs.retrieve(result.jobId!);
    expect(job.method?.type).toBe('supervised');
    expect(job.seed).toBe(42);
    expect(job.validation_file).toBeTruthy();
    expect(job.metadata?.tunekit_run).toBe(args.runId);

    const stateText = await readFile(join(runDir, 'trainer-state.json'), 'utf8');
    expect(stateText).not.toContain(KEY);
    expect(JSON.parse(stateText).state).toMatchObject({ phase: 'finished', jobId: result.jobId });

    const afterFirst = sandbox.stats();
    expect(afterFirst.jobsCreated - before.jobsCreated).toBe(1);
    expect(afterFirst.filesUploaded - before.filesUploaded).toBe(2);

    // Rerun with the state file: same job, nothing uploaded or created.
    const again = await runTrainPhase(trainArgs(runDir, { with: { suffix: 'legal-yes-no', seed: 42 } }).args);
    expect(again.result.model).toBe(result.model);
    // Rerun without it: the job is found through its metadata; the files through their hash-bearing names.
    await rm(join(runDir, 'trainer-state.json'));
    const rerun = trainArgs(runDir, { with: { suffix: 'legal-yes-no', seed: 42 } });
    const found = await runTrainPhase(rerun.args);
    expect(found.result.jobId).toBe(result.jobId);
    expect(rerun.events.some((e) => e.type === 'attached')).toBe(true);
    expect(sandbox.stats().jobsCreated).toBe(afterFirst.jobsCreated);
    expect(sandbox.stats().filesUploaded).toBe(afterFirst.filesUploaded);

    // `tunekit train status` reads the run folder alone.
    const status = await trainStatus(runDir, { logger: args.logger, env: args.env });
    expect(status).toMatchObject({ jobId: result.jobId, status: 'succeeded' });
    expect(status.detail).toContain(result.model);
  });

  it('changed settings on the same data launch a new job, reusing the uploaded files', async () => {
    const runDir = await newRunDir();
    await runTrainPhase(trainArgs(runDir, { with: { suffix: 'first' } }).args);
    const before = sandbox.stats();
    const second = await runTrainPhase(trainArgs(runDir, { with: { suffix: 'second' } }).args);
    expect(second.result.model).toContain(':second:');
    expect(sandbox.stats().jobsCreated - before.jobsCreated).toBe(1);
    expect(sandbox.stats().filesUploaded - before.filesUploaded).toBe(0);
  });

  it('trains DPO on preference data with beta', async () => {
    const runDir = await newRunDir();
    const { args } = trainArgs(runDir, {
      model: dpoModel,
      files: { train: files.dpo },
      with: { hyperparameters: { n_epochs: 1, beta: 0.2 } },
    });
    const { estimate, result } = await runTrainPhase(args);
    expect(result.status).toBe('succeeded');
    expect(result.model).toMatch(/^ft:gpt-4\.1-mini-2025-04-14:/);
    expect(estimate.examples).toBe(rows.length);
    const job = await client().fineTuning.jobs.retrieve(result.jobId!);
    expect(job.method?.type).toBe('dpo');
    expect(job.method?.dpo?.hyperparameters?.beta).toBe(0.2);
  });

  it('refuses method dpo on chat data, and beta without dpo, before any request', async () => {
    const before = sandbox.stats().requests;
    await expectTunekitError(
      runTrainPhase(trainArgs(await newRunDir(), { with: { method: 'dpo' } }).args),
      'OPTION_INVALID',
    );
    await expectTunekitError(
      runTrainPhase(trainArgs(await newRunDir(), { with: { hyperparameters: { beta: 0.1 } } }).args),
      'OPTION_INVALID',
    );
    await expectTunekitError(
      runTrainPhase(trainArgs(await newRunDir(), { with: { suffix: 'has space' } }).args),
      'OPTION_INVALID',
    );
    expect(sandbox.stats().requests).toBe(before);
  });

  it('refuses a training file under 10 examples before uploading it (dedupe and split can leave one)', async () => {
    const { filesUploaded, jobsCreated } = sandbox.stats();
    const toy = join(DATA, 'openai-cookbook', 'toy_chat_fine_tuning.jsonl');
    const runDir = await newRunDir();
    const error = await expectTunekitError(
      runTrainPhase(trainArgs(runDir, { files: { train: toy } }).args),
      'INPUT_INVALID',
    );
    expect(error.render()).toContain(`${toy}: the file has 5 examples; fine-tuning needs at least 10`);
    expect(sandbox.stats()).toMatchObject({ filesUploaded, jobsCreated });
    await expect(readFile(join(runDir, 'trainer-state.json'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('uploads a file larger than a part through the Uploads API, a part at a time; the same bytes arrive', async () => {
    const before = sandbox.stats().requestsByEndpoint;
    const count = (endpoint: string) => (sandbox.stats().requestsByEndpoint[endpoint] ?? 0) - (before[endpoint] ?? 0);
    const logged: string[] = [];
    const rt = {
      signal: new AbortController().signal,
      logger: { debug() {}, info: (m: string) => logged.push(m), warn() {}, error() {} },
    } as unknown as TrainerControl;
    const partBytes = 2_000;
    // Content no other test uploads (the same bytes would be found by name and reused).
    const path = join(root, 'parts-train.jsonl');
    const content = Buffer.from(`${(await readFile(files.sft, 'utf8')).trim()}\n${jsonl([{ parts: Date.now() }])}`);
    await writeFile(path, content);
    const { id, sha256 } = await uploadOnce(client(), path, {}, rt, { partBytes });
    expect(content.length).toBeGreaterThan(3 * partBytes);
    expect(count('POST /v1/uploads/:id/parts')).toBe(Math.ceil(content.length / partBytes));
    expect(count('POST /v1/uploads/:id/complete')).toBe(1);
    expect(count('POST /v1/files')).toBe(0);
    const stored = Buffer.from(await (await client().files.content(id)).arrayBuffer());
    expect(stored.equals(content)).toBe(true);
    expect(sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(logged.join('\n')).toMatch(/uploaded parts-train\.jsonl as file-\S+ \(\d+ bytes in \d+ parts\)/);
    // The same content again: found by its hash-bearing name, nothing sent.
    await uploadOnce(client(), path, {}, rt, { partBytes });
    expect(count('POST /v1/uploads')).toBe(1);
  });

  it("leaves no abort listener on the run's signal after an upload of many parts (Node warns past 10)", async () => {
    const controller = new AbortController();
    const rt = {
      signal: controller.signal,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    } as unknown as TrainerControl;
    const path = join(root, 'many-parts.jsonl');
    await writeFile(path, `${(await readFile(files.sft, 'utf8')).trim()}\n${jsonl([{ many: Date.now() }])}`);
    const before = sandbox.stats().requestsByEndpoint['POST /v1/uploads/:id/parts'] ?? 0;
    await uploadOnce(client(), path, {}, rt, { partBytes: 500 });
    expect((sandbox.stats().requestsByEndpoint['POST /v1/uploads/:id/parts'] ?? 0) - before).toBeGreaterThan(10);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('an upload completed on the service whose answer was lost is found, not completed again', async () => {
    let lost = 0;
    // The first `complete` reaches the sandbox and completes the upload; its answer never reaches the client.
    const losing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/complete') && lost++ === 0) throw new TypeError('fetch failed');
      return response;
    };
    const rt = {
      signal: new AbortController().signal,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    } as unknown as TrainerControl;
    const path = join(root, 'lost-complete.jsonl');
    const content = Buffer.from(`${(await readFile(files.sft, 'utf8')).trim()}\n${jsonl([{ lost: Date.now() }])}`);
    await writeFile(path, content);
    const before = sandbox.stats().requestsByEndpoint['POST /v1/uploads/:id/complete'] ?? 0;
    const lossy = new OpenAI({ baseURL: sandbox.baseURL, apiKey: KEY, maxRetries: 0, fetch: losing });
    const { id } = await uploadOnce(lossy, path, {}, rt, { partBytes: 2_000 });
    expect(lost).toBe(1);
    expect((sandbox.stats().requestsByEndpoint['POST /v1/uploads/:id/complete'] ?? 0) - before).toBe(1);
    const stored = Buffer.from(await (await client().files.content(id)).arrayBuffer());
    expect(stored.equals(content)).toBe(true);
  });

  it('a part upload survives a 30% fault rate: retried parts, the same bytes in one file', async () => {
    const faulty = await startSandbox({ port: 0, timeScale: 0.02, failRate: 0.3, seed: 31, slowMs: 50 });
    try {
      const rt = {
        signal: new AbortController().signal,
        logger: { debug() {}, info() {}, warn() {}, error() {} },
      } as unknown as TrainerControl;
      const content = await readFile(files.sft);
      const { id } = await uploadOnce(client(faulty.baseURL), files.sft, {}, rt, { partBytes: 1_000 });
      const reader = new OpenAI({ baseURL: faulty.baseURL, apiKey: KEY, maxRetries: 8 });
      const stored = Buffer.from(await (await reader.files.content(id)).arrayBuffer());
      expect(stored.equals(content)).toBe(true);
      expect(faulty.stats().faults.total).toBeGreaterThan(0);
    } finally {
      await faulty.close();
    }
  });

  it('refuses prompt/completion lines for a chat model before any request, naming the models that take them', async () => {
    const before = sandbox.stats().requests;
    const legacy = join(root, 'legacy.jsonl');
    await writeFile(
      legacy,
      jsonl(rows.slice(0, 12).map((row) => ({ prompt: `${row.question} ->`, completion: ` ${row.answer}` }))),
    );
    const error = await expectTunekitError(
      runTrainPhase(trainArgs(await newRunDir(), { files: { train: legacy } }).args),
      'INPUT_INVALID',
    );
    expect(error.render()).toContain(
      `${legacy}: ${SFT_MODEL} trains on chat and preference lines, not prompt/completion lines`,
    );
    expect(error.render()).toContain('babbage-002 and davinci-002');
    expect(sandbox.stats().requests).toBe(before);
  });

  it('a job that fails validation reports the service code, message and param', async () => {
    const runDir = await newRunDir();
    // Enough examples to pass the pre-flight count; the service finds the bad role when it validates the file.
    const robot = {
      messages: [
        { role: 'robot', content: 'beep' },
        { role: 'assistant', content: 'No' },
      ],
    };
    const bad = join(root, 'bad-role.jsonl');
    await writeFile(
      bad,
      `${(await readFile(files.sft, 'utf8')).split('\n').slice(0, 12).join('\n')}\n${JSON.stringify(robot)}\n`,
    );
    const { args, events } = trainArgs(runDir, { files: { train: bad } });
    const error = await expectTunekitError(runTrainPhase(args), 'TRAINER_FAILED');
    expect(error.message).toContain('invalid_training_file');
    expect(error.message).toContain('Line 13, message 1, key "role"');
    expect(error.message).toContain('param training_file');
    expect(events.find((e) => e.type === 'status' && e.rawStatus === 'failed')).toBeDefined();
    const state = JSON.parse(await readFile(join(runDir, 'trainer-state.json'), 'utf8'));
    expect(state.result).toMatchObject({
      status: 'failed',
      error: { code: 'invalid_training_file', param: 'training_file' },
    });
  });

  it('stops over max_cost_usd with the figures, and launches with yes', async () => {
    const runDir = await newRunDir();
    const before = sandbox.stats();
    const over = trainArgs(runDir, { with: { max_cost_usd: 0.0001 } });
    const error = await expectTunekitError(runTrainPhase(over.args), 'COST_OVER_BUDGET');
    expect(error.message).toMatch(
      /estimated \$0\.\d+ \(\d+ training tokens = 2 epochs × \d+\) is over max_cost_usd \$0\.0001/,
    );
    expect(sandbox.stats().jobsCreated).toBe(before.jobsCreated);
    expect(sandbox.stats().filesUploaded).toBe(before.filesUploaded);

    const forced = trainArgs(runDir, { with: { max_cost_usd: 0.0001 }, yes: true });
    const { result } = await runTrainPhase(forced.args);
    expect(result.status).toBe('succeeded');
    expect(forced.warnings.join('\n')).toContain('launching anyway');
  });

  it("estimates and costs train.with.model at its own price, not at the pipeline model's", async () => {
    const runDir = await newRunDir();
    const { args, warnings } = trainArgs(runDir, { with: { model: 'gpt-4o-2024-08-06', max_cost_usd: 0.02 } });
    const error = await expectTunekitError(runTrainPhase(args), 'COST_OVER_BUDGET');
    expect(error.message).toContain('is over max_cost_usd $0.02');

    const { estimate, result } = await runTrainPhase({ ...args, yes: true });
    expect(estimate.pricePerMillion).toBe(25);
    expect(result.model).toMatch(/^ft:gpt-4o-2024-08-06:/);
    expect(result.costUsd).toBeCloseTo((result.trainedTokens! * 25) / 1_000_000, 10);
    expect(warnings.join('\n')).toContain('launching anyway');
  });

  it('says in one line that the account has no quota left to create the job (429 insufficient_quota)', async () => {
    const broke = await startSandbox({ port: 0, insufficientQuota: true });
    try {
      const { args } = trainArgs(await newRunDir(), { baseURL: broke.baseURL });
      const error = await expectTunekitError(runTrainPhase(args), 'TRAINER_FAILED');
      expect(error.render()).toMatch(/rejected the job: .*quota.* \(HTTP 429 insufficient_quota\)/);
      expect(broke.stats().jobsCreated).toBe(0);
    } finally {
      await broke.close();
    }
  });

  it('says in one line that OpenAI no longer creates jobs, naming the other trainers', async () => {
    const refusing = await startSandbox({ port: 0, refuseFineTuning: true });
    try {
      const { args } = trainArgs(await newRunDir(), { baseURL: refusing.baseURL });
      const error = await expectTunekitError(runTrainPhase(args), 'TRAINING_UNAVAILABLE');
      expect(error.message).toMatch(/refuses to create fine-tuning jobs.*Azure OpenAI/);
      expect(error.message).not.toContain(KEY);
    } finally {
      await refusing.close();
    }
  });

  it('needs the API key of a hosted provider, named in one line', async () => {
    const { args } = trainArgs(await newRunDir());
    args.providers = { openai: { api_key_env: 'TUNEKIT_TEST_UNSET_KEY' } };
    const error = await expectTunekitError(runTrainPhase(args), 'MISSING_API_KEY');
    expect(error.message).toContain('TUNEKIT_TEST_UNSET_KEY');
  });

  it('finishes with one job despite a 20% fault rate (500/503, dropped connections, slow answers)', async () => {
    const faulty = await startSandbox({ port: 0, timeScale: 0.02, failRate: 0.2, seed: 20, slowMs: 200 });
    try {
      const { args } = trainArgs(await newRunDir(), {
        baseURL: faulty.baseURL,
        with: { timeout_ms: 2000, max_retries: 2 },
      });
      const { result } = await runTrainPhase(args);
      expect(result.status).toBe('succeeded');
      expect(result.model).toMatch(/^ft:/);
      const stats = faulty.stats();
      expect(stats.faults.total).toBeGreaterThan(0);
      expect(stats.jobsCreated).toBe(1);
    } finally {
      await faulty.close();
    }
  });

  it('cancel stops the job; the run reports it cancelled', async () => {
    const slow = await startSandbox({ port: 0, timeScale: 1 });
    try {
      const runDir = await newRunDir();
      const { args, events } = trainArgs(runDir, { baseURL: slow.baseURL });
      const running = runTrainPhase(args);
      const failed = expectTunekitError(running, 'TRAINER_FAILED');
      await waitFor(() => events.some((e) => e.type === 'status'));
      const cancelled = await trainCancel(runDir, { logger: args.logger, env: args.env });
      expect(cancelled.status).toBe('cancelled');
      const error = await failed;
      expect(error.message).toContain('cancelled');
      expect(slow.stats().jobsCreated).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it('a process killed with SIGKILL right after creating the job is resumed by the next run: one job in all', async () => {
    const external = await startSandbox({ port: 0, timeScale: 0.1 });
    try {
      const runDir = await newRunDir();
      const script = join(root, 'train-child.mjs');
      await writeFile(script, childScript());
      const child = spawn(process.execPath, [script], {
        env: {
          ...process.env,
          [KEY_ENV]: KEY,
          RUN_DIR: runDir,
          BASE_URL: external.baseURL,
          TRAIN: files.sft,
          ROOT: root,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('created fine-tuning job')) child.kill('SIGKILL');
      });
      expect(await exited).toBe('SIGKILL');
      expect(external.stats().jobsCreated).toBe(1);

      const { args } = trainArgs(runDir, { baseURL: external.baseURL, files: { train: files.sft } });
      const { result } = await runTrainPhase(args);
      expect(result.status).toBe('succeeded');
      expect(result.model).toMatch(/^ft:gpt-4o-mini-2024-07-18:/);
      const stats = (await (await fetch(new URL('/sandbox/stats', external.url))).json()) as { jobsCreated: number };
      expect(stats.jobsCreated).toBe(1);
    } finally {
      await external.close();
    }
  });
});

describe('tunekit run and tunekit train status', () => {
  it('runs dataset → train from a pipeline, then shows the job from the run folder alone', async () => {
    const dir = await newRunDir();
    const pipeline = join(dir, 'pipeline.yaml');
    const out = join(dir, 'run');
    await writeFile(
      pipeline,
      [
        'name: cli-train',
        `model: ${SFT_MODEL}`,
        'providers:',
        `  openai: { base_url: "${sandbox.baseURL}", api_key_env: ${KEY_ENV} }`,
        'dataset:',
        `  from: { use: read-jsonl, with: { path: "${files.sft}" } }`,
        '  steps:',
        '    - use: validate',
        'train:',
        '  use: trainer-openai',
        '  with: { suffix: cli, hyperparameters: { n_epochs: 1 }, poll_interval_ms: 20 }',
        '',
      ].join('\n'),
    );
    const env = { ...process.env, [KEY_ENV]: KEY };
    const run = await runCli(['run', pipeline, '--live', '--out', out, '--json'], env);
    expect(run.stderr).not.toContain(KEY);
    expect(run.code, run.stderr).toBe(0);
    const manifest = JSON.parse(run.stdout) as { train: { estimate: { examples: number }; result: { model: string } } };
    expect(manifest.train.estimate.examples).toBe(rows.length - 4);
    expect(manifest.train.result.model).toMatch(/^ft:gpt-4o-mini-2024-07-18:sandbox:cli:/);
    expect(run.stderr).toContain('train: estimate:');

    const status = await runCli(['train', 'status', out], env);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^ftjob-\S+ succeeded — model ft:gpt-4o-mini-2024-07-18:sandbox:cli:/);

    const missing = await runCli(['train', 'status', dir], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('trainer-state.json is missing');
  });
});

describe('tunekit run: a training file the steps left too small', () => {
  it('warns in the dataset phase, then stops before uploading it: one line, exit 2', async () => {
    const dir = await newRunDir();
    // 12 valid lines (validate is content), 3 of them repeats: dedupe keeps 9, split leaves fewer than 10 to train on.
    const unique = rows.slice(0, 9).map((row) => ({ question: row.question, answer: row.answer }));
    const source = join(dir, 'few.jsonl');
    await writeFile(source, jsonl([...unique, ...unique.slice(0, 3)]));
    const pipeline = join(dir, 'pipeline.yaml');
    await writeFile(
      pipeline,
      [
        'name: too-few',
        `model: ${SFT_MODEL}`,
        'providers:',
        `  openai: { base_url: "${sandbox.baseURL}", api_key_env: ${KEY_ENV} }`,
        'dataset:',
        `  from: { use: read-jsonl, with: { path: "${source}" } }`,
        '  steps:',
        '    - use: to-chat',
        '      with: { user: "{{question}}", assistant: "{{answer}}" }',
        '    - use: validate',
        '    - use: dedupe',
        '    - use: split',
        '      with: { validation: 0.2, seed: 7 }',
        'train:',
        '  use: trainer-openai',
        '  with: { hyperparameters: { n_epochs: 1 }, poll_interval_ms: 20 }',
        '',
      ].join('\n'),
    );
    const { filesUploaded, jobsCreated } = sandbox.stats();
    const out = join(dir, 'run');
    const run = await runCli(['run', pipeline, '--live', '--out', out], { ...process.env, [KEY_ENV]: KEY });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/write-jsonl: train\.jsonl: the file has \d examples; fine-tuning needs at least 10/);
    const errorLines = run.stderr.split('\n').filter((line) => line.includes('nothing was uploaded'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain(join(out, 'train.jsonl'));
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(sandbox.stats()).toMatchObject({ filesUploaded, jobsCreated });
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    const sink = manifest.steps.find((step: { step: string }) => step.step === 'write-jsonl');
    expect(sink.reports.file_problems).toEqual([
      expect.objectContaining({ file: 'train.jsonl', code: 'too_few_examples' }),
    ]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The train phase in a separate process, with the same settings as `trainArgs` (so the job key matches). */
function childScript(): string {
  const core = new URL('../packages/core/dist/index.js', import.meta.url).href;
  const format = new URL('../packages/format/dist/index.js', import.meta.url).href;
  return `
import { runTrainPhase } from '${core}';
import { createModelContext } from '${format}';
const log = (m) => process.stdout.write(m + '\\n');
await runTrainPhase({
  trainer: { use: 'trainer-openai', with: { poll_interval_ms: 20, hyperparameters: { n_epochs: 2 } } },
  baseDir: process.env.ROOT, runDir: process.env.RUN_DIR, runId: 'killed-run',
  model: await createModelContext({ model: '${SFT_MODEL}' }),
  providers: { openai: { base_url: process.env.BASE_URL, api_key_env: '${KEY_ENV}' } },
  files: { train: process.env.TRAIN },
  signal: new AbortController().signal,
  logger: { debug() {}, info: log, warn: log, error: log },
  yes: false,
});
log('child finished (it should have been killed)');
`;
}

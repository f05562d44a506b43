import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '@tunekit/cli';
import {
  type Logger,
  type ProviderConfig,
  runTrainPhase,
  type TrainerInput,
  type TrainerRuntime,
  type TrainerState,
  TunekitError,
} from '@tunekit/core';
import { startSilentServer } from '@tunekit/core/testing';
import { createModelContext } from '@tunekit/format';
import { type Sandbox, startSandbox } from '@tunekit/sandbox';
import OpenAI, { APIConnectionError, APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainApiError } from './api-errors.js';
import type { TrainingClient } from './client.js';
import { trainerOpenAIOptions } from './options.js';
import { ConnectionGaveUp } from './retry.js';
import { retryBudget } from './retry-budget.js';
import { createOpenAITrainer } from './trainer.js';

const MODEL = 'gpt-4o-mini-2024-07-18';
const KEY_ENV = 'TUNEKIT_TEST_TRAINER_KEY';
const SECRET = 'sk-test-SECRET123';

let sandbox: Sandbox;
let root: string;
let trainFile: string;

const jsonl = (lines: unknown[]) => `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
const examples = Array.from({ length: 12 }, (_, i) => ({
  messages: [
    { role: 'user', content: `Is clause ${i} enforceable?` },
    { role: 'assistant', content: i % 2 ? 'Yes' : 'No' },
  ],
}));

beforeAll(async () => {
  // The sandbox accepts only this key; every test below sends another one.
  sandbox = await startSandbox({ port: 0, apiKey: 'other', timeScale: 0.02 });
  root = await mkdtemp(join(tmpdir(), 'tunekit-trainer-errors-'));
  trainFile = join(root, 'train.jsonl');
  await writeFile(trainFile, jsonl(examples));
});

afterAll(async () => {
  await sandbox?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

function recordingLogger(lines: string[]): Logger {
  const log = (message: string) => lines.push(message);
  return { debug: log, info: log, warn: log, error: log };
}

async function runtime(
  providers: Record<string, ProviderConfig>,
  logged: string[],
  saved: TrainerState[],
): Promise<TrainerRuntime> {
  return {
    runDir: root,
    logger: recordingLogger(logged),
    signal: new AbortController().signal,
    providers,
    env: { [KEY_ENV]: SECRET },
    loadState: async () => undefined,
    saveState: async (state) => {
      saved.push(state);
    },
    writeArtifact: async (name) => join(root, name),
    model: await createModelContext({ model: MODEL }),
  } as TrainerRuntime;
}

const input = (): TrainerInput => ({
  trainFile,
  datasetHash: 'a'.repeat(64),
  runId: 'errors-test',
  baseModel: MODEL,
  format: 'chat',
});

async function rejection(promise: Promise<unknown>): Promise<TunekitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(TunekitError.is(error), `expected a TunekitError, got ${String(error)}`).toBe(true);
  const tunekit = error as TunekitError;
  expect(tunekit.isUserError).toBe(true);
  expect(tunekit.render()).not.toMatch(/[\r\n]/);
  return tunekit;
}

describe('trainer-openai before any job exists: an unreachable endpoint', () => {
  it('gives up after the allowed attempts at the first contact, in one line naming the endpoint', async () => {
    const baseURL = `http://127.0.0.1:${await closedPort()}/v1`;
    const options = trainerOpenAIOptions.parse({ max_retries: 0 });
    const trainer = createOpenAITrainer(
      options,
      { baseDir: root, logger: recordingLogger([]), env: {} },
      {
        connectAttempts: 3,
        retryBaseMs: 1,
      },
    );
    const logged: string[] = [];
    const saved: TrainerState[] = [];
    const rt = await runtime({ openai: { base_url: baseURL, api_key_env: KEY_ENV } }, logged, saved);

    const error = await rejection(trainer.attach(input(), rt));
    expect(error.code).toBe('ENDPOINT_UNREACHABLE');
    expect(error.message).toBe(
      `cannot reach provider \`openai\` (${baseURL}): connection refused (ECONNREFUSED) on 3 attempts at looking for a job launched earlier`,
    );
    expect(error.render()).toContain('nothing was launched');
    // Two waits between three attempts, each saying why; nothing was saved, so nothing can have been spent.
    expect(logged.filter((line) => line.includes('retrying'))).toHaveLength(2);
    expect(logged.join('\n')).toContain('connection refused (ECONNREFUSED)');
    expect(saved).toEqual([]);
    expect(`${error.render()}\n${logged.join('\n')}`).not.toContain(SECRET);
  }, 20_000);

  it("train status gives a silent endpoint a short timeout, not the run's timeout_ms, on its 3 attempts", async () => {
    const silent = await startSilentServer();
    try {
      const options = trainerOpenAIOptions.parse({ timeout_ms: 600_000 });
      const tuning = { retryBaseMs: 1, oneShotTimeoutMs: 100 };
      const trainer = createOpenAITrainer(options, { baseDir: root, logger: recordingLogger([]), env: {} }, tuning);
      const rt = await runtime({ openai: { base_url: silent.baseURL, api_key_env: KEY_ENV } }, [], []);
      const state = { phase: 'watching', jobId: 'ftjob-status', files: {} } as TrainerState;
      const error = (await trainer.status(state, rt).catch((e: unknown) => e)) as TunekitError;
      expect(TunekitError.is(error)).toBe(true);
      expect(error.message).toBe(
        `cannot reach provider \`openai\` (${silent.baseURL}): request timed out on 3 attempts at reading ftjob-status`,
      );
      expect(silent.requests()).toBe(3);
    } finally {
      await silent.close();
    }
  }, 10_000);

  it('a silent endpoint (connects, never answers): tunekit alone retries, each attempt times out', async () => {
    const silent = await startSilentServer();
    try {
      // The SDK's retries would multiply these attempts (its 2 retries × our 3 attempts = 9 requests).
      const options = trainerOpenAIOptions.parse({ max_retries: 2, timeout_ms: 100 });
      const trainer = createOpenAITrainer(
        options,
        { baseDir: root, logger: recordingLogger([]), env: {} },
        {
          retryBaseMs: 1,
        },
      );
      const logged: string[] = [];
      const saved: TrainerState[] = [];
      const rt = await runtime({ openai: { base_url: silent.baseURL, api_key_env: KEY_ENV } }, logged, saved);

      const first = await rejection(trainer.attach(input(), rt));
      expect(first.code).toBe('ENDPOINT_UNREACHABLE');
      expect(first.message).toBe(
        `cannot reach provider \`openai\` (${silent.baseURL}): request timed out on 3 attempts at looking for a job launched earlier`,
      );
      expect(silent.requests()).toBe(3);

      const upload = (await trainer.launch(input(), rt).catch((e: unknown) => e)) as TunekitError;
      expect(TunekitError.is(upload, 'PROVIDER_ERROR')).toBe(true);
      expect(upload.message).toBe(
        `cannot reach provider \`openai\` (${silent.baseURL}): request timed out on 3 attempts at uploading train.jsonl`,
      );
      expect(silent.requests()).toBe(6);
      expect(`${first.render()}\n${upload.render()}\n${logged.join('\n')}`).not.toContain(SECRET);
    } finally {
      await silent.close();
    }
  }, 20_000);

  it('tries a request 8 times by default (max_retries 7), the first contact at most 5', () => {
    const { max_retries } = trainerOpenAIOptions.parse({});
    expect(max_retries).toBe(7);
    expect(retryBudget(max_retries)).toEqual({ request: 8, firstContact: 5, oneShot: 3 });
    expect(retryBudget(0)).toEqual({ request: 1, firstContact: 1, oneShot: 1 });
  });

  it('refuses a base_url with a login at once, without printing the password', async () => {
    const options = trainerOpenAIOptions.parse({});
    const trainer = createOpenAITrainer(options, { baseDir: root, logger: recordingLogger([]), env: {} });
    const logged: string[] = [];
    const rt = await runtime(
      { openai: { base_url: 'https://bob:hunter2pw@llm.example.com/v1', api_key_env: KEY_ENV } },
      logged,
      [],
    );
    const error = await rejection(trainer.attach(input(), rt));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.render()).toContain('providers.openai.base_url has a login in it');
    expect(error.render()).toContain('https://llm.example.com/v1');
    expect(error.render()).not.toMatch(/hunter2pw|bob/);
    expect(logged).toEqual([]);
  });

  it('refuses a base_url with a query (a key in ?api-key=) at once, without printing it', async () => {
    const trainer = createOpenAITrainer(trainerOpenAIOptions.parse({}), {
      baseDir: root,
      logger: recordingLogger([]),
      env: {},
    });
    const rt = await runtime(
      { openai: { base_url: 'https://llm.example.com/v1?api-key=sk-QUERYSECRET1', api_key_env: KEY_ENV } },
      [],
      [],
    );
    const error = await rejection(trainer.attach(input(), rt));
    expect(error.render()).toBe(
      `providers.openai.base_url has a query after https://llm.example.com/v1 (?…); the client appends its paths after it, so no request could work — remove the query; the API key goes in the environment variable ${KEY_ENV}, other parameters in headers`,
    );
  });
});

describe('trainer-openai: a key the endpoint rejects', () => {
  it('stops the train phase with API_KEY_REJECTED naming the provider and the variable, never the key', async () => {
    const runDir = await mkdtemp(join(root, 'run-'));
    const logged: string[] = [];
    const before = sandbox.stats();
    const error = await rejection(
      runTrainPhase({
        trainer: { use: 'trainer-openai', with: { poll_interval_ms: 20 } },
        baseDir: root,
        runDir,
        runId: 'wrong-key',
        model: await createModelContext({ model: MODEL }),
        providers: { openai: { base_url: sandbox.baseURL, api_key_env: KEY_ENV } },
        files: { train: trainFile },
        signal: new AbortController().signal,
        logger: recordingLogger(logged),
        yes: false,
        env: { [KEY_ENV]: SECRET },
      }),
    );
    expect(error.code).toBe('API_KEY_REJECTED');
    expect(error.message).toBe(
      `provider \`openai\` (${sandbox.baseURL}) rejected the API key in ${KEY_ENV} (HTTP 401 invalid_api_key)`,
    );
    expect(`${error.render()}\n${logged.join('\n')}`).not.toContain(SECRET);
    expect(logged.filter((line) => line.includes('retrying'))).toEqual([]); // a 401 is not retried
    expect(sandbox.stats().jobsCreated).toBe(before.jobsCreated);
    expect(sandbox.stats().filesUploaded).toBe(before.filesUploaded);
  });

  it('`tunekit run`: one line, exit 2, the code in the manifest, the key in no file', async () => {
    const dir = await mkdtemp(join(root, 'cli-'));
    const pipeline = join(dir, 'p.yaml');
    await writeFile(
      pipeline,
      [
        'name: wrong-key',
        `model: ${MODEL}`,
        'providers:',
        `  openai: { base_url: "${sandbox.baseURL}" }`,
        'dataset:',
        `  from: { use: read-jsonl, with: { path: "${trainFile}" } }`,
        'train:',
        '  use: trainer-openai',
        '  with: { poll_interval_ms: 20 }',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'run');
    const run = await runCli(['run', pipeline, '--live', '--out', out], { ...process.env, OPENAI_API_KEY: SECRET });
    expect(run.code, run.stderr).toBe(2);
    const errorLines = run.stderr.split('\n').filter((line) => line.includes('rejected the API key'));
    expect(errorLines).toEqual([
      `tunekit: provider \`openai\` (${sandbox.baseURL}) rejected the API key in OPENAI_API_KEY (HTTP 401 invalid_api_key) — export a valid key as OPENAI_API_KEY, or name the variable that holds it in api_key_env`,
    ]);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('failed');
    expect(manifest.error.code).toBe('API_KEY_REJECTED');
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
    for (const name of await readdir(out, { recursive: true })) {
      const text = await readFile(join(out, name), 'utf8').catch(() => '');
      expect(text, name).not.toContain(SECRET);
    }
  });
});

describe('explainApiError', () => {
  const connection = (keySet: boolean): TrainingClient => ({
    client: new OpenAI({ apiKey: 'unused' }),
    providerName: 'local',
    endpoint: 'http://127.0.0.1:8000/v1',
    keyEnv: 'LOCAL_KEY',
    keySet,
  });
  const apiError = (status: number, message: string, code?: string) =>
    APIError.generate(status, { error: { message, code } }, undefined, new Headers());

  it('words 401 and 403 with the provider and the variable, never the service text of a 401', () => {
    const wrong = explainApiError(
      apiError(401, 'Incorrect API key provided: sk-test-****123'),
      connection(true),
      'launch',
    );
    expect(TunekitError.is(wrong, 'API_KEY_REJECTED') && wrong.message).toBe(
      'provider `local` (http://127.0.0.1:8000/v1) rejected the API key in LOCAL_KEY (HTTP 401)',
    );
    const unset = explainApiError(apiError(401, 'no key'), connection(false), 'attach');
    expect(TunekitError.is(unset, 'API_KEY_REJECTED') && unset.message).toBe(
      'provider `local` (http://127.0.0.1:8000/v1) asks for an API key (HTTP 401) and LOCAL_KEY is not set',
    );
    const denied = explainApiError(
      apiError(403, 'Project lacks scope; key sk-proj-abcdef12'),
      connection(true),
      'status',
    );
    expect(TunekitError.is(denied, 'API_KEY_REJECTED') && denied.message).toBe(
      'provider `local` (http://127.0.0.1:8000/v1) refused the API key in LOCAL_KEY (HTTP 403): Project lacks scope; key sk-***',
    );
  });

  it('says what was tried when the connection gave up (exit 2 only at the first contact)', () => {
    const refused = new APIConnectionError({
      message: 'Connection error.',
      cause: new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
    });
    const lost = explainApiError(new ConnectionGaveUp('uploading train.jsonl', 8, refused), connection(true), 'launch');
    // After the first contact (which found the endpoint), a lost connection is a run failure, not a setting.
    expect(TunekitError.is(lost, 'PROVIDER_ERROR')).toBe(true);
    expect((lost as TunekitError).render()).toBe(
      'cannot reach provider `local` (http://127.0.0.1:8000/v1): connection refused (ECONNREFUSED) on 8 attempts at uploading train.jsonl — check the network; a rerun re-attaches to any job already launched',
    );
    const first = explainApiError(new ConnectionGaveUp('looking', 5, refused), connection(true), 'attach');
    expect(TunekitError.is(first, 'ENDPOINT_UNREACHABLE') && first.isUserError).toBe(true);
  });

  it('words any other answer of the service in one line with its status and code; passes other errors through', () => {
    const gone = explainApiError(apiError(404, 'No such job: ftjob-1', 'not_found'), connection(true), 'result');
    expect(TunekitError.is(gone, 'PROVIDER_ERROR') && gone.render()).toBe(
      'provider `local` (http://127.0.0.1:8000/v1) answered HTTP 404 not_found while collecting the result: No such job: ftjob-1 — a rerun re-attaches to any job already launched',
    );
    const server = explainApiError(apiError(500, 'boom'), connection(true), 'watch');
    expect(TunekitError.is(server, 'PROVIDER_ERROR') && server.message).toContain('answered HTTP 500 while watching');
    const other = new Error('boom');
    expect(explainApiError(other, connection(true), 'watch')).toBe(other);
  });
});

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(['node', 'tunekit', ...args], {
    stdout,
    stderr,
    env,
    isTTY: false,
    color: false,
    exitCode: 0,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

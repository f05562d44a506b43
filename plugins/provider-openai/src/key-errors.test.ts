import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '@tunekit/cli';
import { type Provider, silentLogger, TunekitError } from '@tunekit/core';
import { type Sandbox, startSandbox } from '@tunekit/sandbox';
import { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyError } from './classify-error.js';
import { providerOpenai } from './index.js';
import { type ProviderOptions, providerOptionsSchema } from './options.js';

const KEY_ENV = 'TUNEKIT_TEST_PROVIDER_KEY';
const SECRET = 'sk-test-SECRET123';
const MODEL = 'gpt-4o-mini-2024-07-18';

let sandbox: Sandbox;
let root: string;

beforeAll(async () => {
  // The sandbox accepts only this key; the tests send another one.
  sandbox = await startSandbox({ port: 0, apiKey: 'other' });
  root = await mkdtemp(join(tmpdir(), 'tunekit-provider-keys-'));
});

afterAll(async () => {
  await sandbox?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

async function provider(options: Record<string, unknown>, env: NodeJS.ProcessEnv): Promise<Provider> {
  return providerOpenai.create(providerOptionsSchema.parse(options), { baseDir: root, logger: silentLogger, env });
}

/** A provider made from options as a program might pass them, without the schema's checks. */
async function unchecked(options: Record<string, unknown>): Promise<Provider> {
  return providerOpenai.create(options as ProviderOptions, { baseDir: root, logger: silentLogger, env: {} });
}

async function rejection(promise: Promise<unknown>): Promise<TunekitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(TunekitError.is(error), `expected a TunekitError, got ${String(error)}`).toBe(true);
  const tunekit = error as TunekitError;
  expect(tunekit.isUserError).toBe(true);
  expect(tunekit.render()).not.toMatch(/[\r\n]/);
  expect(tunekit.render()).not.toContain(SECRET);
  return tunekit;
}

const request = { model: MODEL, messages: [{ role: 'user' as const, content: 'Is this hearsay?' }], max_tokens: 5 };

describe('provider-openai: a key the endpoint rejects', () => {
  it('chat: API_KEY_REJECTED naming the endpoint and the variable, not retryable, never the key', async () => {
    const chat = await provider({ base_url: sandbox.baseURL, api_key_env: KEY_ENV }, { [KEY_ENV]: SECRET });
    const error = await rejection(chat.chat(request));
    expect(error.code).toBe('API_KEY_REJECTED');
    expect(error.message).toBe(
      `${MODEL} at ${sandbox.baseURL}: the endpoint rejected the API key in ${KEY_ENV} (HTTP 401 invalid_api_key)`,
    );
    expect(error.context).toMatchObject({ status: 401, retryable: false });
  });

  it('chat without the variable set (a local endpoint): says the variable is not set', async () => {
    const chat = await provider({ base_url: sandbox.baseURL, api_key_env: KEY_ENV }, {});
    const error = await rejection(chat.chat(request));
    expect(error.code).toBe('API_KEY_REJECTED');
    expect(error.message).toContain(`asks for an API key (HTTP 401 invalid_api_key) and ${KEY_ENV} is not set`);
  });

  it('batch: submit, status and collect all say API_KEY_REJECTED', async () => {
    const { batch } = await provider({ base_url: sandbox.baseURL, api_key_env: KEY_ENV }, { [KEY_ENV]: SECRET });
    const submitted = await rejection(batch!.submit([{ customId: 'a', request }]));
    expect(submitted.code).toBe('API_KEY_REJECTED');
    expect(submitted.message).toContain(`rejected the API key in ${KEY_ENV}`);
    expect((await rejection(batch!.status('batch_1'))).code).toBe('API_KEY_REJECTED');
    const collecting = (async () => {
      for await (const _ of batch!.collect('batch_1')) {
        // nothing arrives
      }
    })();
    expect((await rejection(collecting)).code).toBe('API_KEY_REJECTED');
  });

  it('a 403 is API_KEY_REJECTED with the service reason, anything looking like a key masked', () => {
    const denied = APIError.generate(
      403,
      { error: { message: 'Key sk-proj-abcdef123 may not use this model', code: 'model_not_allowed' } },
      undefined,
      new Headers(),
    );
    const error = classifyError(denied, { endpoint: 'https://llm.example/v1', keyEnv: 'K', keySet: true }, 'm');
    expect(TunekitError.is(error, 'API_KEY_REJECTED') && error.message).toBe(
      'm at https://llm.example/v1: the endpoint refused the API key in K (HTTP 403 model_not_allowed): Key sk-*** may not use this model',
    );
  });

  it('has a schema that refuses a base_url with a login or a query, without showing it', () => {
    for (const base_url of ['https://bob:hunter2pw@llm.example.com/v1', 'http://127.0.0.1:8000/v1?api-key=sk-QUERY1']) {
      const parsed = providerOptionsSchema.safeParse({ base_url });
      expect(parsed.success).toBe(false);
      expect(JSON.stringify(parsed.error?.issues)).not.toMatch(/hunter2pw|bob|sk-QUERY1/);
    }
    const azure = { endpoint: 'https://r.openai.azure.com/?key=sk-AZ1', api_version: '2024-10-21' };
    expect(providerOptionsSchema.safeParse({ azure }).error?.issues[0]?.message).toMatch(/^has a query after/);
  });

  it('refuses a base_url with a login in it when options skip the schema, without printing the password', async () => {
    const error = await rejection(unchecked({ base_url: 'https://bob:hunter2pw@llm.example.com/v1' }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.render()).toContain('providers.base_url has a login in it');
    expect(error.render()).toContain('https://llm.example.com/v1');
    expect(error.render()).not.toMatch(/hunter2pw|bob/);
  });

  it('refuses a base_url with a query (a key in ?api-key=) when options skip the schema, without printing it', async () => {
    const error = await rejection(unchecked({ base_url: 'http://127.0.0.1:8000/v1?api-key=sk-QUERYSECRET1' }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.render()).toBe(
      'providers.base_url has a query after http://127.0.0.1:8000/v1 (?…); the client appends its paths after it, so no request could work — remove the query; the API key goes in the environment variable OPENAI_API_KEY, other parameters in headers',
    );
    const azure = { endpoint: 'https://res.openai.azure.com/?sig=QUERYSECRET2', api_version: '2024-10-21' };
    const refused = await rejection(unchecked({ azure }));
    expect(refused.render()).not.toContain('QUERYSECRET2');
  });

  it('`tunekit validate` points at a base_url with a key in its query: file, line and column, one line, exit 2', async () => {
    const dir = await mkdtemp(join(root, 'cli-'));
    const pipeline = join(dir, 'p.yaml');
    await writeFile(
      pipeline,
      [
        'name: key-in-url',
        'providers:',
        '  local: { base_url: "http://127.0.0.1:8000/v1?api-key=sk-QUERYSECRET3" }',
        'evaluate:',
        '  data: items.jsonl',
        '  candidates: [{ name: a, model: gpt-4o-mini-2024-07-18, provider: local }]',
        '  scorers: [exact]',
        '',
      ].join('\n'),
    );
    const run = await runCli(['validate', pipeline], process.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `tunekit: ${pipeline}:3:22: \`base_url\`: has a query after http://127.0.0.1:8000/v1 (?…); the client appends its paths after it, so no request could work: remove the query (the API key goes in the variable api_key_env names)\n`,
    );
    expect(run.stdout).not.toContain('QUERYSECRET3');
  });

  it.each([
    ['batch', true],
    ['live chat', false],
  ])(
    '`tunekit run` with %s evaluation: one line, exit 2, the code in the manifest, the key in no file',
    async (_, batch) => {
      const dir = await mkdtemp(join(root, 'cli-'));
      const rows = Array.from({ length: 6 }, (_, i) => ({
        messages: [
          { role: 'user', content: `Is statement ${i} hearsay?` },
          { role: 'assistant', content: i % 2 ? 'Yes' : 'No' },
        ],
      }));
      const data = join(dir, 'rows.jsonl');
      await writeFile(data, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
      const pipeline = join(dir, 'p.yaml');
      await writeFile(
        pipeline,
        [
          'name: wrong-key-eval',
          `model: ${MODEL}`,
          'providers:',
          `  openai: { base_url: "${sandbox.baseURL}", api_key_env: ${KEY_ENV} }`,
          'dataset:',
          `  from: { use: read-jsonl, with: { path: "${data}" } }`,
          '  steps:',
          '    - use: split',
          '      with: { validation: 2, seed: 1 }',
          'evaluate:',
          `  batch: ${batch}`,
          '  batch_poll_ms: 20',
          `  candidates: [{ name: base, model: ${MODEL}, params: { max_tokens: 5 } }]`,
          '  scorers: [exact-normalized]',
          '',
        ].join('\n'),
      );
      const out = join(dir, 'run');
      const run = await runCli(['run', pipeline, '--live', '--out', out], { ...process.env, [KEY_ENV]: SECRET });
      expect(run.code, run.stderr).toBe(2);
      const errorLines = run.stderr.split('\n').filter((line) => line.includes('rejected the API key'));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toContain(`at ${sandbox.baseURL}: the endpoint rejected the API key in ${KEY_ENV}`);
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.error.code).toBe('API_KEY_REJECTED');
      expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
      for (const name of await readdir(out, { recursive: true })) {
        const text = await readFile(join(out, name), 'utf8').catch(() => '');
        expect(text, name).not.toContain(SECRET);
      }
    },
  );
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

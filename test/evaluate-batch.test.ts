import { getEventListeners } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EvaluatorRuntime, silentLogger, TunekitError } from '@tunekit/core';
import { type ItemRow, runEvaluation } from '@tunekit/evaluate';
import { type Sandbox, startSandbox } from '@tunekit/sandbox';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from './helpers/temp-dir.js';

const KEY_ENV = 'TUNEKIT_TEST_BATCH_KEY';
const ITEMS = 24;

let sandbox: Sandbox;
let dir: string;

function runtime(): EvaluatorRuntime {
  return {
    runDir: dir,
    baseDir: dir,
    logger: silentLogger,
    signal: new AbortController().signal,
    providers: { openai: { base_url: sandbox.baseURL, api_key_env: KEY_ENV } },
    sandbox: true,
  };
}

const section = {
  data: 'validation',
  candidates: [
    { name: 'mini', model: 'gpt-4o-mini-2024-07-18' },
    { name: 'gpt-4o 2-shot', model: 'gpt-4o-2024-08-06', prompt: { few_shot: 2 } },
  ],
  scorers: ['token-f1'],
  compare: { baseline: 'gpt-4o 2-shot' },
  report: ['json'],
  batch: true,
  batch_poll_ms: 20,
};

beforeAll(async () => {
  process.env[KEY_ENV] = 'sk-batch-test';
  sandbox = await startSandbox({ port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'tunekit-batch-'));
  const qa = JSON.parse(await readFile(join(SHARED_DATA, 'disc-lawllm/qa_short_answer.json'), 'utf8')) as {
    input: string;
    output: string;
  }[];
  const line = (q: { input: string; output: string }) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: q.input },
        { role: 'assistant', content: q.output },
      ],
    });
  await writeFile(join(dir, 'validation.jsonl'), `${qa.slice(0, ITEMS).map(line).join('\n')}\n`);
  await writeFile(join(dir, 'train.jsonl'), `${qa.slice(200, 220).map(line).join('\n')}\n`);
});

/** A run folder of its own with the same data files, for a test that needs a fresh state or another sandbox. */
async function anotherRunFolder(name: string): Promise<string> {
  const runDir = await mkdtemp(join(tmpdir(), `tunekit-batch-${name}-`));
  for (const file of ['validation.jsonl', 'train.jsonl'])
    await writeFile(join(runDir, file), await readFile(join(dir, file)));
  return runDir;
}

afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

describe('evaluation through the Batch API (sandbox)', () => {
  it('sends every call in one batch per candidate, scores all items, and a rerun pays nothing again', async () => {
    const before = sandbox.stats();
    const outcome = await runEvaluation(section, runtime());
    expect(outcome.reports.some((r) => r.endsWith('report.json'))).toBe(true);
    const after = sandbox.stats();
    expect(after.batchesCreated - before.batchesCreated).toBe(2);
    const rows = (await readFile(join(dir, 'eval/items.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ItemRow);
    expect(rows).toHaveLength(ITEMS);
    const state = JSON.parse(await readFile(join(dir, 'eval/batches.json'), 'utf8'));
    expect(JSON.stringify(state)).toMatch(/batch_/);

    await runEvaluation(section, runtime());
    const again = sandbox.stats();
    expect(again.batchesCreated).toBe(after.batchesCreated);
    expect(again.chatCompletions).toBe(after.chatCompletions);
  });

  it('a run stopped before it saved the batch id collects that batch on the rerun instead of paying again', async () => {
    await runEvaluation(section, runtime());
    const before = sandbox.stats();
    // What a run killed between `batches.create` and saving its answer leaves: no batch id, nothing collected.
    await rm(join(dir, 'eval/batches.json'));
    await rm(join(dir, 'eval/responses.jsonl'));

    await runEvaluation(section, runtime());
    const after = sandbox.stats();
    expect(after.batchesCreated).toBe(before.batchesCreated);
    expect(after.chatCompletions).toBe(before.chatCompletions);
    const rows = (await readFile(join(dir, 'eval/items.jsonl'), 'utf8')).trim().split('\n');
    expect(rows).toHaveLength(ITEMS);

    // Output files the service no longer keeps: those batches cannot be collected, the requests go in new ones.
    const client = new OpenAI({ baseURL: sandbox.baseURL, apiKey: 'sk-batch-test', maxRetries: 0 });
    for await (const batch of client.batches.list())
      if (batch.output_file_id) await client.files.delete(batch.output_file_id);
    await rm(join(dir, 'eval/batches.json'));
    await rm(join(dir, 'eval/responses.jsonl'));
    await runEvaluation(section, runtime());
    expect(sandbox.stats().batchesCreated).toBe(before.batchesCreated + 2);
    expect((await readFile(join(dir, 'eval/items.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(ITEMS);
  });

  it('--no-cache asks for new answers: a completed batch of the same requests is not reused', async () => {
    await runEvaluation(section, runtime());
    const before = sandbox.stats();
    await runEvaluation(section, { ...runtime(), noCache: true });
    expect(sandbox.stats().batchesCreated).toBe(before.batchesCreated + 2);
    expect((await readFile(join(dir, 'eval/items.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(ITEMS);
  });

  it('an expired batch gives the answers it has; the rest are asked live, with a warning about the price', async () => {
    const expiring = await startSandbox({ port: 0, expireBatchesAt: 0.5 });
    const runDir = await anotherRunFolder('expired');
    try {
      const warnings: string[] = [];
      const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
      const rt = {
        ...runtime(),
        runDir,
        baseDir: runDir,
        logger,
        providers: { openai: { base_url: expiring.baseURL, api_key_env: KEY_ENV } },
      };
      await runEvaluation(section, rt);
      const stats = expiring.stats();
      expect(stats.batchesCreated).toBe(2);
      const live = stats.requestsByEndpoint['POST /v1/chat/completions'] ?? 0;
      // Each candidate asks ITEMS requests: about half answered by its batch, the others live.
      expect(live).toBeGreaterThan(0);
      expect(live).toBeLessThan(2 * ITEMS);
      expect(warnings.filter((w) => /batch \S+ of .* expired; .* asked live, at the full price/.test(w))).toHaveLength(
        2,
      );
      const rows = (await readFile(join(runDir, 'eval/items.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as ItemRow);
      expect(rows).toHaveLength(ITEMS);
      expect(JSON.stringify(rows)).not.toContain('batch_expired');
    } finally {
      await expiring.close();
      await rm(runDir, { recursive: true, force: true });
    }
  });

  it("uses its own request timeout, not the provider's chat timeout (an upload outlasts a chat answer)", async () => {
    // Every answer takes 300 ms; the provider's chat timeout is 150 ms, the batch requests' own is the default.
    const slow = await startSandbox({ port: 0, latencyMs: 300 });
    const runDir = await anotherRunFolder('timeout');
    try {
      const rt = {
        ...runtime(),
        runDir,
        baseDir: runDir,
        providers: { openai: { base_url: slow.baseURL, api_key_env: KEY_ENV, timeout_ms: 150 } },
      };
      const outcome = await runEvaluation({ ...section, candidates: [section.candidates[0]!], compare: undefined }, rt);
      expect(outcome.failure).toBeUndefined();
      const stats = slow.stats();
      expect(stats.batchesCreated).toBe(1);
      expect(stats.requestsByEndpoint['POST /v1/chat/completions'] ?? 0).toBe(0);
      // And a batch_timeout_ms shorter than the answers fails the batch request, in one line naming it.
      const short = { ...section, candidates: [section.candidates[0]!], compare: undefined, batch_timeout_ms: 100 };
      const error = await runEvaluation(short, { ...rt, noCache: true }).catch((e: unknown) => e);
      expect(TunekitError.is(error)).toBe(true);
      expect((error as TunekitError).render()).toMatch(/timed out/);
      expect((error as TunekitError).render()).not.toMatch(/[\r\n]/);
    } finally {
      await slow.close();
      await rm(runDir, { recursive: true, force: true });
    }
  });

  it("polls a batch without piling abort listeners on the run's signal", async () => {
    const controller = new AbortController();
    const runDir = await anotherRunFolder('signal');
    try {
      await runEvaluation(
        { ...section, batch_poll_ms: 10 },
        { ...runtime(), runDir, baseDir: runDir, signal: controller.signal },
      );
      expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  });
});

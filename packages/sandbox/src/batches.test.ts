import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JUDGE_MARKER, JUDGE_SECTIONS } from '@tunekit/core';
import OpenAI, { toFile } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './index.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const request = (customId: string, content: string, model = 'gpt-4o-mini-2024-07-18') =>
  JSON.stringify({
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model, messages: [{ role: 'user', content }] },
  });

async function waitFor<T extends { status: string }>(get: () => Promise<T>, done: string[]): Promise<T> {
  for (;;) {
    const value = await get();
    if (done.includes(value.status)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Uploads the lines as a batch input file and creates a chat batch over it. */
async function submitBatch(client: OpenAI, text: string, name = 'batch.jsonl') {
  const input = await client.files.create({ file: await toFile(Buffer.from(text), name), purpose: 'batch' });
  return client.batches.create({
    input_file_id: input.id,
    endpoint: '/v1/chat/completions',
    completion_window: '24h',
  });
}

describe('batches and persistence', () => {
  it('runs a batch end to end with output and error files keyed by custom_id', async () => {
    sandbox = await startSandbox({ timeScale: 0.02 });
    const client = new OpenAI({ baseURL: sandbox.baseURL, apiKey: 'sk-test', maxRetries: 0 });
    const statutes = await readFile(`${resolve(import.meta.dirname, '../../../data')}/statutes-zh/宪法.md`, 'utf8');
    const articles = statutes
      .split('\n')
      .filter((line) => line.startsWith('第'))
      .slice(0, 6);
    const lines = articles.map((article, i) => request(`req-${i}`, article));
    lines.push(request('req-bad', 'hi', 'ft:gpt-4o-mini-2024-07-18:sandbox::missing'));
    const created = await submitBatch(client, lines.join('\n'));
    expect(created.status).toBe('validating');
    const batch = await waitFor(() => client.batches.retrieve(created.id), ['completed', 'failed']);
    expect(batch.status).toBe('completed');
    expect(batch.request_counts).toEqual({ total: 7, completed: 6, failed: 1 });
    const output = (await (await client.files.content(batch.output_file_id!)).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(output.map((line) => line.custom_id).sort()).toEqual(['req-0', 'req-1', 'req-2', 'req-3', 'req-4', 'req-5']);
    const first = output.find((line) => line.custom_id === 'req-0');
    expect(first.response.status_code).toBe(200);
    expect(first.response.body.choices[0].message.content.length).toBeGreaterThan(0);
    const errors = (await (await client.files.content(batch.error_file_id!)).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      custom_id: 'req-bad',
      response: { status_code: 404, body: { error: { code: 'model_not_found' } } },
    });
  });

  it('expires a batch at the end of its window: the output holds the work done, the error file the rest', async () => {
    sandbox = await startSandbox({ timeScale: 0.02, expireBatchesAt: 0.5 });
    const client = new OpenAI({ baseURL: sandbox.baseURL, apiKey: 'sk-test', maxRetries: 0 });
    const lines = Array.from({ length: 10 }, (_, i) => request(`req-${i}`, `Question ${i}?`));
    const created = await submitBatch(client, lines.join('\n'));
    const batch = await waitFor(() => client.batches.retrieve(created.id), ['completed', 'expired']);
    expect(batch).toMatchObject({
      status: 'expired',
      completed_at: null,
      request_counts: { total: 10, completed: 5, failed: 5 },
    });
    expect(batch.expired_at).toBeGreaterThanOrEqual(batch.created_at);
    const read = async (id: string) =>
      (await (await client.files.content(id)).text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    expect((await read(batch.output_file_id!)).map((line) => line.custom_id)).toEqual([
      'req-0',
      'req-1',
      'req-2',
      'req-3',
      'req-4',
    ]);
    const expired = await read(batch.error_file_id!);
    expect(expired).toHaveLength(5);
    expect(expired[0]).toMatchObject({ custom_id: 'req-5', response: null, error: { code: 'batch_expired' } });
  });

  it('fails a batch whose custom_ids repeat, and cancels a running one', async () => {
    sandbox = await startSandbox({ timeScale: 0.05 });
    const client = new OpenAI({ baseURL: sandbox.baseURL, apiKey: 'sk-test', maxRetries: 0 });
    const duplicate = [request('a', 'x'), request('a', 'y')].join('\n');
    const created = await submitBatch(client, duplicate, 'b.jsonl');
    const failed = await waitFor(() => client.batches.retrieve(created.id), ['failed', 'completed']);
    expect(failed.status).toBe('failed');
    expect(failed.errors?.data?.[0]).toMatchObject({ code: 'duplicate_custom_id', line: 2 });

    const many = Array.from({ length: 20 }, (_, i) => request(`r${i}`, `question ${i}`)).join('\n');
    const manyFile = await client.files.create({ file: await toFile(Buffer.from(many), 'm.jsonl'), purpose: 'batch' });
    const running = await client.batches.create({
      input_file_id: manyFile.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    await waitFor(() => client.batches.retrieve(running.id), ['in_progress']);
    expect((await client.batches.cancel(running.id)).status).toBe('cancelling');
    const cancelled = await waitFor(() => client.batches.retrieve(running.id), ['cancelled']);
    expect(cancelled.request_counts!.completed).toBeLessThan(20);
  });

  it('keeps files and jobs in a data folder across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tunekit-sandbox-'));
    try {
      sandbox = await startSandbox({ dataDir, timeScale: 0.01 });
      let client = new OpenAI({ baseURL: sandbox.baseURL, apiKey: 'sk-test', maxRetries: 0 });
      const lines = Array.from({ length: 10 }, (_, i) =>
        JSON.stringify({
          messages: [
            { role: 'user', content: `question number ${i}` },
            { role: 'assistant', content: `answer ${i}` },
          ],
        }),
      );
      const file = await client.files.create({
        file: await toFile(Buffer.from(lines.join('\n')), 't.jsonl'),
        purpose: 'fine-tune',
      });
      const job = await client.fineTuning.jobs.create({
        model: 'gpt-4o-mini-2024-07-18',
        training_file: file.id,
        metadata: { run: 'r1' },
      });
      await sandbox.close();

      sandbox = await startSandbox({ dataDir, timeScale: 0.01 });
      client = new OpenAI({ baseURL: sandbox.baseURL, apiKey: 'sk-test', maxRetries: 0 });
      expect((await client.files.retrieve(file.id)).bytes).toBe(file.bytes);
      expect(await (await client.files.content(file.id)).text()).toBe(lines.join('\n'));
      const again = (await client.fineTuning.jobs.list({ metadata: { run: 'r1' } })).data[0]!;
      expect(again.id).toBe(job.id);
      const done = await waitFor(() => client.fineTuning.jobs.retrieve(job.id), ['succeeded']);
      const answer = await client.chat.completions.create({
        model: done.fine_tuned_model!,
        messages: [{ role: 'user', content: 'question number 4' }],
      });
      expect(answer.choices[0]!.message.content).toBe('answer 4');
    } finally {
      await sandbox?.close();
      sandbox = undefined;
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('answers judge requests with a verdict from overlap with the reference, and truncates at max_tokens', async () => {
    sandbox = await startSandbox();
    const client = new OpenAI({ baseURL: sandbox.baseURL, apiKey: 'sk-test', maxRetries: 0 });
    const judge = (answerA: string, answerB: string) =>
      client.chat.completions.create({
        model: 'gpt-4o',
        messages: [
          { role: 'system', content: `${JUDGE_MARKER}\nReply with JSON.` },
          {
            role: 'user',
            content: [
              JUDGE_MARKER,
              JUDGE_SECTIONS.rubric,
              'correct?',
              JUDGE_SECTIONS.question,
              '消费者有什么权利？',
              JUDGE_SECTIONS.reference,
              '消费者享有知悉其购买商品的真实情况的权利',
              JUDGE_SECTIONS.answerA,
              answerA,
              JUDGE_SECTIONS.answerB,
              answerB,
            ].join('\n'),
          },
        ],
      });
    const verdict = JSON.parse(
      (await judge('消费者享有知悉商品真实情况的权利', '经营者应当出具发票')).choices[0]!.message.content!,
    );
    expect(verdict.winner).toBe('A');
    const tie = JSON.parse((await judge('经营者应当出具发票', '经营者应当出具发票')).choices[0]!.message.content!);
    expect(tie.winner).toBe('tie');

    const long = await client.chat.completions.create({
      model: 'gpt-4o-mini-2024-07-18',
      max_tokens: 3,
      messages: [{ role: 'user', content: 'The quick brown fox jumps over the lazy dog again and again.' }],
    });
    expect(long.choices[0]!.finish_reason).toBe('length');
    expect(long.usage!.completion_tokens).toBe(3);
  });
});

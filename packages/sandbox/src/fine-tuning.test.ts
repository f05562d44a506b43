import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './index.js';

const DATA = `${resolve(import.meta.dirname, '../../../data')}`;
let sandbox: Sandbox;
let client: OpenAI;

interface QaItem {
  input: string;
  output: string;
}

const chatLine = (item: QaItem) =>
  JSON.stringify({
    messages: [
      { role: 'system', content: '你是法律助手。' },
      { role: 'user', content: item.input },
      { role: 'assistant', content: item.output },
    ],
  });

async function upload(text: string, name = 'train.jsonl', purpose: 'fine-tune' | 'batch' = 'fine-tune') {
  return client.files.create({ file: await toFile(Buffer.from(text), name), purpose });
}

async function waitForJob(id: string) {
  for (;;) {
    const job = await client.fineTuning.jobs.retrieve(id);
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.02 });
  client = new OpenAI({ baseURL: sandbox.baseURL, apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(() => sandbox.close());

describe('fine-tuning against the sandbox with the official SDK', () => {
  it('uploads, trains, reports events and checkpoints, and the ft: model answers from its training data', async () => {
    const items = JSON.parse(await readFile(`${DATA}/disc-lawllm/qa_short_answer.json`, 'utf8')) as QaItem[];
    const train = items.slice(0, 30);
    const file = await upload(train.map(chatLine).join('\n'));
    expect(file).toMatchObject({ object: 'file', purpose: 'fine-tune', filename: 'train.jsonl' });

    const created = await client.fineTuning.jobs.create({
      model: 'gpt-4o-mini-2024-07-18',
      training_file: file.id,
      suffix: 'law',
      metadata: { dataset: 'abc123' },
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3 } } },
    });
    expect(created.status).toBe('validating_files');
    const job = await waitForJob(created.id);
    expect(job.status).toBe('succeeded');
    expect(job.fine_tuned_model).toMatch(/^ft:gpt-4o-mini-2024-07-18:sandbox:law:[A-Za-z0-9]{8}$/);
    expect(job.trained_tokens).toBeGreaterThan(3 * 30 * 10);
    expect(job.trained_tokens! % 3).toBe(0);
    expect(job.hyperparameters).toMatchObject({ n_epochs: 3 });

    const events = [];
    for await (const event of client.fineTuning.jobs.listEvents(job.id, { limit: 7 })) events.push(event);
    expect(events[0]!.message).toBe('The job has successfully completed');
    expect(events.at(-1)!.message).toMatch(/^Validating training file/);
    const metrics = events.filter((event) => event.type === 'metrics').reverse();
    expect(metrics.length).toBe(90);
    const losses = metrics.map((event) => (event.data as { train_loss: number }).train_loss);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 2);

    const checkpoints = await client.fineTuning.jobs.checkpoints.list(job.id);
    expect(checkpoints.data.map((c) => c.step_number)).toEqual([90, 60, 30]);
    expect(checkpoints.data[0]!.fine_tuned_model_checkpoint).toBe(`${job.fine_tuned_model}:ckpt-step-90`);

    const csv = Buffer.from(await (await client.files.content(job.result_files[0]!)).text(), 'base64').toString();
    expect(csv.split('\n')[0]).toBe('step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy');
    expect(csv.trim().split('\n')).toHaveLength(91);

    for (const item of train.slice(0, 5)) {
      const answer = await client.chat.completions.create({
        model: job.fine_tuned_model!,
        messages: [{ role: 'user', content: item.input }],
      });
      expect(answer.choices[0]!.message.content).toBe(item.output);
      expect(answer.system_fingerprint).toBe('tunekit-sandbox');
      expect(answer.usage!.prompt_tokens).toBeGreaterThan(5);
    }
    const base = await client.chat.completions.create({
      model: 'gpt-4o-mini-2024-07-18',
      messages: [{ role: 'user', content: train[0]!.input }],
    });
    expect(base.choices[0]!.message.content).not.toBe(train[0]!.output);

    const found = await client.fineTuning.jobs.list({ metadata: { dataset: 'abc123' } });
    expect(found.data.map((j) => j.id)).toEqual([job.id]);
    expect((await client.fineTuning.jobs.list({ metadata: { dataset: 'other' } })).data).toEqual([]);
  });

  it('fails a job on an invalid training file with the service error shape', async () => {
    const toy = await readFile(`${DATA}/openai-cookbook/toy_chat_fine_tuning.jsonl`, 'utf8');
    const tooFew = await client.fineTuning.jobs.create({
      model: 'gpt-4o-mini-2024-07-18',
      training_file: (await upload(toy)).id,
    });
    const failed = await waitForJob(tooFew.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({
      code: 'invalid_training_file',
      param: 'training_file',
      message: 'Training file has 5 example(s), but must have at least 10 examples',
    });

    const lines = toy.trim().split('\n');
    const broken = [...lines, ...lines];
    broken[6] = JSON.stringify({
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: ['not', 'a string'] },
      ],
    });
    const job = await client.fineTuning.jobs.create({
      model: 'gpt-4o-mini-2024-07-18',
      training_file: (await upload(broken.join('\n'))).id,
    });
    const result = await waitForJob(job.id);
    expect(result.error).toMatchObject({ code: 'invalid_training_file', param: 'training_file' });
    // Same rules as the validate step (@tunekit/format), phrased with the service's line/message/key prefix.
    expect(result.error!.message).toMatch(/^Invalid file format\. Line 7, message 2, key "content": .*content part/);
    expect(result.fine_tuned_model).toBeNull();
    const events = await client.fineTuning.jobs.listEvents(job.id);
    expect(events.data[0]).toMatchObject({ level: 'error', message: result.error!.message });
  });

  it('rejects unknown files at once with a 400 naming the parameter', async () => {
    const error = await client.fineTuning.jobs
      .create({ model: 'gpt-4o-mini-2024-07-18', training_file: 'file-missing' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('training_file');
  });

  it('refuses at once a model it does not fine-tune, and an ft: model this organisation does not have', async () => {
    const file = await upload(
      Array.from({ length: 10 }, (_, i) => chatLine({ input: `q${i}`, output: 'a' })).join('\n'),
    );
    for (const model of ['gpt-4o-mini-2024-07-81', 'gpt-4-0613', 'ft:gpt-4o-mini-2024-07-18:elsewhere::abcdefgh']) {
      const error = await client.fineTuning.jobs.create({ model, training_file: file.id }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as InstanceType<typeof OpenAI.BadRequestError>).error).toEqual({
        message: `Model ${model} is not available for fine-tuning or does not exist.`,
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_available',
      });
    }
  });

  it('fails a job whose lines are not of the format its method and model train on', async () => {
    const chat = Array.from({ length: 10 }, (_, i) => chatLine({ input: `q${i}`, output: 'a' })).join('\n');
    const preference = Array.from({ length: 10 }, (_, i) =>
      JSON.stringify({
        input: { messages: [{ role: 'user', content: `q${i}` }] },
        preferred_output: [{ role: 'assistant', content: 'a' }],
        non_preferred_output: [{ role: 'assistant', content: 'b' }],
      }),
    ).join('\n');
    const cases = [
      { model: 'gpt-4.1-mini-2025-04-14', text: chat, method: { type: 'dpo' as const }, found: 'chat' },
      {
        model: 'gpt-4o-mini-2024-07-18',
        text: preference,
        method: { type: 'supervised' as const },
        found: 'preference',
      },
      { model: 'babbage-002', text: chat, method: { type: 'supervised' as const }, found: 'chat' },
    ];
    for (const { model, text, method, found } of cases) {
      const created = await client.fineTuning.jobs.create({ model, method, training_file: (await upload(text)).id });
      const job = await waitForJob(created.id);
      expect(job.status).toBe('failed');
      expect(job.error).toMatchObject({ code: 'invalid_training_file', param: 'training_file' });
      expect(job.error!.message).toMatch(new RegExp(`^Invalid file format\\. Line 1: expected .* found ${found}`));
    }
  });

  it('takes fine-tune and batch files only as .jsonl, through /files and /uploads', async () => {
    const refused = async (promise: Promise<unknown>) => {
      const error = await promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      return (error as InstanceType<typeof OpenAI.BadRequestError>).error;
    };
    expect(await refused(upload('{}', 'train.txt'))).toMatchObject({
      message: 'Invalid file format for Fine-Tuning API. Must be .jsonl',
      param: 'file',
    });
    expect(await refused(upload('{}', 'requests.json', 'batch'))).toMatchObject({
      message: 'Invalid file format for Batch API. Must be .jsonl',
    });
    const create = { bytes: 2, filename: 'train.csv', mime_type: 'text/csv', purpose: 'fine-tune' as const };
    expect(await refused(client.uploads.create(create))).toMatchObject({ param: 'file' });
    expect((await client.files.list()).data.map((file) => file.filename)).not.toContain('train.txt');
  });

  it('refuses request fields and hyperparameters the service does not know, naming them', async () => {
    const file = await upload(
      Array.from({ length: 10 }, (_, i) => chatLine({ input: `q${i}`, output: 'a' })).join('\n'),
    );
    const refused = async (params: Record<string, unknown>) => {
      const request = { model: 'gpt-4o-mini-2024-07-18', training_file: file.id, ...params };
      const error = await client.fineTuning.jobs.create(request as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      return (error as InstanceType<typeof OpenAI.BadRequestError>).error;
    };
    expect(await refused({ n_epochs: 3 })).toMatchObject({
      message: 'Unrecognized request argument supplied: n_epochs',
      param: 'n_epochs',
    });
    const beta = await refused({ method: { type: 'supervised', supervised: { hyperparameters: { beta: 0.1 } } } });
    expect(beta).toMatchObject({ param: 'method.supervised.hyperparameters.beta' });
  });

  it('paginates jobs with after/limit/has_more and auto-paging', async () => {
    const lines = Array.from({ length: 10 }, (_, i) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: `q${i}` },
          { role: 'assistant', content: `a${i}` },
        ],
      }),
    );
    const file = await upload(lines.join('\n'));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (
          await client.fineTuning.jobs.create({
            model: 'gpt-4.1-mini-2025-04-14',
            training_file: file.id,
            metadata: { page: 'yes' },
          })
        ).id,
      );
    }
    const first = await client.fineTuning.jobs.list({ limit: 2, metadata: { page: 'yes' } });
    expect(first.data.map((job) => job.id)).toEqual([ids[4], ids[3]]);
    expect(first.has_more).toBe(true);
    const second = await first.getNextPage();
    expect(second.data.map((job) => job.id)).toEqual([ids[2], ids[1]]);
    const all = [];
    for await (const job of client.fineTuning.jobs.list({ limit: 2, metadata: { page: 'yes' } })) all.push(job.id);
    expect(all).toEqual([...ids].reverse());
  });

  it('pauses, resumes and cancels jobs', async () => {
    const lines = Array.from({ length: 10 }, (_, i) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: `q${i}` },
          { role: 'assistant', content: `a${i}` },
        ],
      }),
    );
    const file = await upload(lines.join('\n'));
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini-2024-07-18', training_file: file.id });
    let status = job.status;
    while (status !== 'running') status = (await client.fineTuning.jobs.retrieve(job.id)).status;
    expect((await client.fineTuning.jobs.pause(job.id)).status).toBe('paused');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await client.fineTuning.jobs.retrieve(job.id)).status).toBe('paused');
    expect((await client.fineTuning.jobs.resume(job.id)).status).toBe('queued');
    expect((await client.fineTuning.jobs.cancel(job.id)).status).toBe('cancelled');
    const messages = (await client.fineTuning.jobs.listEvents(job.id)).data.map((event) => event.message);
    expect(messages.slice(0, 3)).toEqual([
      'Fine-tuning job cancelled',
      'Fine-tuning job resumed',
      'Fine-tuning job paused',
    ]);
    await expect(client.fineTuning.jobs.cancel(job.id)).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});

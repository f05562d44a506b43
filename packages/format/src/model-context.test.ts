import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TunekitError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { createModelContext } from './model-context.js';

describe('createModelContext', () => {
  it('gives the model its tokenizer, limits and prices', async () => {
    const model = await createModelContext({ model: 'gpt-4o-mini' });
    expect(model).toMatchObject({
      id: 'gpt-4o-mini',
      encoding: 'o200k_base',
      exampleTokenLimit: 65_536,
      contextWindow: 128_000,
    });
    expect(model.prices.training).toBe(3);
    expect(model.countTokens('hello world')).toBe(2);
    const line = {
      messages: [
        { role: 'user', content: 'hello world' },
        { role: 'assistant', content: 'hi' },
      ],
    };
    expect(model.countExample(line)).toEqual({ total: 3 + 3 + 1 + 2 + 3 + 1 + 1, assistant: 1, messages: 2 });
  });

  it('takes pipeline price overrides and a limit override', async () => {
    const model = await createModelContext({
      model: 'acme-7b',
      prices: { 'acme-7b': { encoding: 'cl100k_base', exampleTokenLimit: 4096, training: 1 } },
      exampleTokenLimit: 2048,
    });
    expect(model).toMatchObject({
      encoding: 'cl100k_base',
      exampleTokenLimit: 2048,
      contextWindow: 4096,
      prices: { training: 1 },
    });
  });

  it('rejects an unknown model', async () => {
    await expect(createModelContext({ model: 'acme-7b' })).rejects.toSatisfy((error) =>
      TunekitError.is(error, 'UNKNOWN_MODEL'),
    );
  });

  it('counts inside a worker thread from the built package', async () => {
    const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const source = `
      const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(dist)}).then(async ({ loadTokenCounter, countExampleTokens }) => {
        const counter = await loadTokenCounter('cl100k_base');
        parentPort.postMessage(countExampleTokens({ messages: [{ role: 'user', content: '消费者享有自主选择商品的权利。' }, { role: 'assistant', content: 'ok' }] }, counter));
      });`;
    const result = await new Promise((resolve, reject) => {
      const worker = new Worker(source, { eval: true });
      worker.once('message', (message) => {
        resolve(message);
        void worker.terminate();
      });
      worker.once('error', reject);
    });
    const model = await createModelContext({ model: 'gpt-4' });
    expect(result).toEqual(
      model.countExample({
        messages: [
          { role: 'user', content: '消费者享有自主选择商品的权利。' },
          { role: 'assistant', content: 'ok' },
        ],
      }),
    );
  });
});

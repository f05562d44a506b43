import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countExampleTokens } from './count-example.js';
import { loadTokenCounter } from './token-counter.js';

const TOY = `${resolve(import.meta.dirname, '../../../../data')}/openai-cookbook/toy_chat_fine_tuning.jsonl`;
const toy = readFileSync(TOY, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as unknown);

// The weather tool and the "corporate jargon" few-shot messages of OpenAI's token-counting notebook.
const weatherTools = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
          unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['location'],
      },
    },
  },
];
const weatherMessages = [
  { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
  { role: 'user', content: "What's the weather like in San Francisco?" },
];
const jargon = [
  {
    role: 'system',
    content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.',
  },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  {
    role: 'system',
    name: 'example_user',
    content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  {
    role: 'system',
    name: 'example_assistant',
    content: "Let's talk later when we're less busy about how to do better.",
  },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];

describe('countExampleTokens', () => {
  it('matches the data-preparation notebook on the toy file (cl100k_base)', async () => {
    const counter = await loadTokenCounter('cl100k_base');
    const counts = toy.map((line) => countExampleTokens(line, counter));
    expect(counts.map((c) => c.total)).toEqual([45, 111, 26, 28, 8032]);
    expect(counts.map((c) => c.assistant)).toEqual([10, 28, 9, 4, 8000]);
    expect(counts.map((c) => c.messages)).toEqual([3, 9, 2, 2, 3]);
  });

  it('matches the reference o200k_base counts on the toy file', async () => {
    const counter = await loadTokenCounter('o200k_base');
    expect(toy.map((line) => countExampleTokens(line, counter).total)).toEqual([43, 106, 26, 27, 8031]);
  });

  it('matches the token-counting notebook for names and tools', async () => {
    const o200k = await loadTokenCounter('o200k_base');
    const cl100k = await loadTokenCounter('cl100k_base');
    expect(countExampleTokens({ messages: jargon }, o200k).total).toBe(124);
    expect(countExampleTokens({ messages: jargon }, cl100k).total).toBe(129);
    expect(countExampleTokens({ messages: weatherMessages, tools: weatherTools }, o200k).total).toBe(101);
    expect(countExampleTokens({ messages: weatherMessages, tools: weatherTools }, cl100k).total).toBe(105);
  });

  it('counts tool calls, ignores weight, and counts preference and completion lines', async () => {
    const counter = await loadTokenCounter('cl100k_base');
    const plain = countExampleTokens(
      {
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello' },
        ],
      },
      counter,
    );
    const weighted = countExampleTokens(
      {
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello', weight: 1 },
        ],
      },
      counter,
    );
    expect(weighted).toEqual(plain);
    const args = '{"a":3,"b":7}';
    const withCall = countExampleTokens(
      {
        messages: [
          { role: 'user', content: 'hi' },
          {
            role: 'assistant',
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'multiply', arguments: args } }],
          },
        ],
      },
      counter,
    );
    expect(withCall.total).toBe(
      3 +
        3 +
        counter.count('user') +
        counter.count('hi') +
        3 +
        counter.count('assistant') +
        counter.count('multiply') +
        counter.count(args),
    );
    const preference = countExampleTokens(
      {
        input: { messages: [{ role: 'user', content: 'hi' }] },
        preferred_output: [{ role: 'assistant', content: 'hello' }],
        non_preferred_output: [{ role: 'assistant', content: 'go away now' }],
      },
      counter,
    );
    expect(preference.assistant).toBe(counter.count('hello'));
    expect(preference.total).toBe(
      3 +
        3 +
        counter.count('user') +
        counter.count('hi') +
        3 +
        counter.count('assistant') +
        counter.count('go away now'),
    );
    expect(countExampleTokens({ prompt: 'Q ->', completion: ' A\n' }, counter)).toEqual({
      total: counter.count('Q ->') + counter.count(' A\n'),
      assistant: counter.count(' A\n'),
      messages: 0,
    });
    expect(countExampleTokens('not an object', counter)).toEqual({ total: 0, assistant: 0, messages: 0 });
  });
});

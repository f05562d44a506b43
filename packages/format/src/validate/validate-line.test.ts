import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from './check-file.js';
import { detectFormat } from './detect-format.js';
import { FORMAT_PROBLEM_CODES, type FormatProblemCode } from './problem-codes.js';
import { validateJsonLine, validateLine } from './validate-line.js';

const TOY = `${resolve(import.meta.dirname, '../../../../data')}/openai-cookbook/toy_chat_fine_tuning.jsonl`;
const sys = { role: 'system', content: 'You are terse.' };
const user = { role: 'user', content: 'What is 3 * 7?' };
const assistant = { role: 'assistant', content: '21' };
const chat = (...messages: unknown[]) => ({ messages });
const call = { id: 'call_1', type: 'function', function: { name: 'multiply', arguments: '{"a":3,"b":7}' } };
const tools = [
  {
    type: 'function',
    function: { name: 'multiply', description: 'Multiply.', parameters: { type: 'object', properties: {} } },
  },
];

function codes(value: unknown, options = {}): FormatProblemCode[] {
  return validateLine(value, options).map((p) => p.code);
}

describe('validateLine', () => {
  it('accepts every line of the cookbook toy file', () => {
    const lines = readFileSync(TOY, 'utf8').trim().split('\n');
    expect(lines.map((line) => validateJsonLine(line).problems)).toEqual(lines.map(() => []));
  });

  it('accepts tool calls, tool messages and weight, where the notebook is wrong', () => {
    const line = {
      messages: [
        user,
        { role: 'assistant', tool_calls: [call] },
        { role: 'tool', tool_call_id: 'call_1', content: '21' },
        { ...assistant, weight: 1 },
        { ...assistant, weight: 0 },
      ],
      tools,
      parallel_tool_calls: false,
    };
    expect(validateLine(line)).toEqual([]);
    expect(
      validateLine(
        chat(
          user,
          { role: 'assistant', content: null, function_call: { name: 'f', arguments: '{}' } },
          { role: 'function', name: 'f', content: '1' },
          assistant,
        ),
      ),
    ).toEqual([]);
  });

  it('accepts valid preference and prompt/completion lines', () => {
    const preference = {
      input: { messages: [sys, user] },
      preferred_output: [assistant],
      non_preferred_output: [{ role: 'assistant', content: '20' }],
    };
    expect(validateLine(preference)).toEqual([]);
    expect(validateLine({ prompt: 'Q: 3*7 ->', completion: ' 21\n' })).toEqual([]);
  });

  const cases: Array<[FormatProblemCode, unknown, Partial<{ messageIndex: number; key: string }>?]> = [
    ['data_type', [1, 2]],
    ['missing_messages_list', { messages: [] }, { key: 'messages' }],
    ['missing_messages_list', { text: 'hello' }],
    ['message_missing_key', chat({ content: 'x' }, assistant), { messageIndex: 0, key: 'role' }],
    ['message_missing_key', chat(user, { role: 'assistant' }), { messageIndex: 1, key: 'content' }],
    [
      'message_missing_key',
      chat(user, { role: 'assistant', tool_calls: [call] }, { role: 'tool', content: '1' }, assistant),
      { messageIndex: 2, key: 'tool_call_id' },
    ],
    [
      'message_unrecognized_key',
      chat({ ...user, tool_calls: [call] }, assistant),
      { messageIndex: 0, key: 'tool_calls' },
    ],
    ['unrecognized_role', chat({ role: 'developer', content: 'x' }, assistant), { messageIndex: 0, key: 'role' }],
    ['missing_content', chat({ role: 'user', content: '' }, assistant), { messageIndex: 0, key: 'content' }],
    ['example_missing_assistant_message', chat(sys, user)],
    ['invalid_content_type', chat(user, { role: 'assistant', content: 42 }), { messageIndex: 1, key: 'content' }],
    [
      'invalid_content_type',
      chat(
        user,
        { role: 'assistant', tool_calls: [call] },
        { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '21' }] },
        assistant,
      ),
      { messageIndex: 2 },
    ],
    [
      'invalid_content_type',
      chat(user, { role: 'assistant', content: [{ type: 'image_url', image_url: { url: 'x' } }] }),
      { messageIndex: 1 },
    ],
    ['invalid_weight', chat(user, { ...assistant, weight: 0.5 }), { messageIndex: 1, key: 'weight' }],
    ['weight_not_on_assistant', chat({ ...user, weight: 1 }, assistant), { messageIndex: 0, key: 'weight' }],
    ['no_trainable_assistant_message', chat(user, { ...assistant, weight: 0 })],
    ['invalid_name', chat({ ...user, name: '' }, assistant), { messageIndex: 0, key: 'name' }],
    [
      'invalid_tool_calls',
      chat(user, {
        role: 'assistant',
        tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: {} } }],
      }),
      { key: 'tool_calls' },
    ],
    [
      'unknown_tool_call_id',
      chat(user, { role: 'tool', tool_call_id: 'call_9', content: '1' }, assistant),
      { messageIndex: 1 },
    ],
    ['invalid_tools', { ...chat(user, assistant), tools: [{ type: 'function' }] }, { key: 'tools' }],
    [
      'too_many_images',
      chat(
        {
          role: 'user',
          content: Array.from({ length: 11 }, () => ({ type: 'image_url', image_url: { url: 'data:,' } })),
        },
        assistant,
      ),
    ],
    [
      'special_token_in_text',
      chat({ role: 'user', content: 'end <|endoftext|> here' }, assistant),
      { messageIndex: 0, key: 'content' },
    ],
    [
      'unpaired_surrogate',
      chat(user, { role: 'assistant', content: 'cut \ud83c' }),
      { messageIndex: 1, key: 'content' },
    ],
    ['unpaired_surrogate', { prompt: 'a \udf89 b', completion: ' c' }, { key: 'prompt' }],
    [
      'preference_completion_keys',
      { input: { messages: [user] }, preferred_completion: [assistant], non_preferred_completion: [assistant] },
    ],
    [
      'preference_missing_output',
      { input: { messages: [user] }, preferred_output: [assistant] },
      { key: 'non_preferred_output' },
    ],
    [
      'preference_invalid_output',
      { input: { messages: [user] }, preferred_output: [assistant, assistant], non_preferred_output: [assistant] },
      { key: 'preferred_output' },
    ],
    [
      'preference_invalid_input',
      { input: { messages: [user, assistant] }, preferred_output: [assistant], non_preferred_output: [assistant] },
    ],
    ['completion_unrecognized_key', { prompt: 'a', completion: ' b', extra: 1 }, { key: 'extra' }],
    ['completion_not_string', { prompt: 1, completion: ' b' }, { key: 'prompt' }],
    ['empty_completion', { prompt: 'a', completion: '' }, { key: 'completion' }],
  ];

  it.each(cases)('reports %s', (code, line, where = {}) => {
    const problems = validateLine(line);
    const problem = problems.find((p) => p.code === code);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem).toMatchObject(where);
    expect(problem?.message.length).toBeGreaterThan(0);
  });

  it('reports format_mismatch against the file format', () => {
    expect(codes({ prompt: 'a', completion: ' b' }, { format: 'chat' })).toEqual(['format_mismatch']);
  });

  it('reports invalid_json for a line that is not JSON', () => {
    expect(validateJsonLine('{"messages": [').problems.map((p) => p.code)).toEqual(['invalid_json']);
  });

  it('has a test for every documented code', () => {
    const tested = new Set<string>([
      ...cases.map(([code]) => code),
      'format_mismatch',
      'invalid_json',
      'too_few_examples',
      'file_too_large',
      'format_not_for_model', // check-model-format.test.ts
      'not_utf8', // invalid-utf8-lines.test.ts, inspect.test.ts
      'utf8_bom', // inspect.test.ts
    ]);
    expect(Object.keys(FORMAT_PROBLEM_CODES).filter((code) => !tested.has(code))).toEqual([]);
  });
});

describe('checkFile', () => {
  it('needs 10 examples and at most 8 GB', () => {
    expect(checkFile({ examples: 10, bytes: 1000 })).toEqual([]);
    expect(checkFile({ examples: 9, bytes: 8 * 1024 ** 3 + 1 }).map((p) => p.code)).toEqual([
      'too_few_examples',
      'file_too_large',
    ]);
  });
});

describe('detectFormat', () => {
  it('tells the three formats apart', () => {
    expect(detectFormat(chat(user, assistant))).toBe('chat');
    expect(detectFormat({ input: { messages: [] }, preferred_output: [] })).toBe('preference');
    expect(detectFormat({ prompt: 'a', completion: 'b' })).toBe('completion');
    expect(detectFormat({ text: 'a' })).toBe('unknown');
    expect(detectFormat('{"messages":[]}')).toBe('unknown');
  });
});

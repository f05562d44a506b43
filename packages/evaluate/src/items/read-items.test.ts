import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TunekitError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { loadOutputs } from '../evaluator/outputs-file.js';
import { type ItemSource, readItems } from './read-items.js';

async function file(name: string, text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'tunekit-items-')), name);
  await writeFile(path, text);
  return path;
}

async function failure(run: () => Promise<unknown>): Promise<TunekitError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!TunekitError.is(error)) throw new Error(`expected a TunekitError, got ${String(error)}`);
  expect(error.isUserError).toBe(true);
  expect(error.render().split('\n')).toHaveLength(1);
  return error;
}

async function collect(source: ItemSource) {
  const items = [];
  for await (const item of readItems(source)) items.push(item);
  return items;
}

const chat = (user: string, answer: string) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: user },
      { role: 'assistant', content: answer },
    ],
  });

describe('readItems on damaged files', () => {
  it('names the line and the message that is not an object', async () => {
    const path = await file('items.jsonl', `${chat('q', 'a')}\n{"messages":[null,{"role":"user","content":"q"}]}\n`);
    const error = await failure(() => collect({ path }));
    expect(error.render()).toBe(`${path}:2: messages[0] must be an object with a string "role"`);
  });

  it('names a content that is not text, and a reference without text', async () => {
    const numeric = '{"messages":[{"role":"user","content":42},{"role":"assistant","content":"a"}]}';
    const toolCall = '{"messages":[{"role":"user","content":"q"},{"role":"assistant","tool_calls":[]}]}';
    const path = await file('items.jsonl', `${numeric}\n`);
    expect((await failure(() => collect({ path }))).render()).toBe(
      `${path}:1: messages[0].content must be a string or a list of parts`,
    );
    const other = await file('items.jsonl', `${chat('q', 'a')}\n${toolCall}\n`);
    expect((await failure(() => collect({ path: other }))).render()).toBe(
      `${other}:2: messages[1].content: the reference (last assistant message) has no text`,
    );
  });

  it('names the field a missing file came from, and how to get it', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'tunekit-items-')), 'train.jsonl');
    const source = { path, field: 'evaluate.candidates.1.prompt.few_shot', hint: 'set few_shot.from' };
    expect((await failure(() => collect(source))).render()).toBe(
      `evaluate.candidates.1.prompt.few_shot: file not found: ${path} — set few_shot.from`,
    );
  });

  it('turns a broken .json array into a one-line error naming the file', async () => {
    const path = await file('items.json', '[{"messages": ');
    const error = await failure(() => collect({ path }));
    expect(error.render()).toMatch(new RegExp(`^${path}: not valid JSON: `));
  });

  it('refuses a duplicate item id, naming both lines', async () => {
    const path = await file('items.csv', 'id,q,a\n7,hello,Yes\n7,hi,No\n');
    const error = await failure(() => collect({ path, fields: { input: 'q', reference: 'a', id: 'id' } }));
    expect(error.render()).toBe(`${path}:3: duplicate item id "7" (first on line 2)`);
  });

  it('refuses a row without a mapped column on any line, not only the first', async () => {
    const path = await file('items.jsonl', '{"q":"a","a":"Yes"}\n{"q":"b"}\n');
    const error = await failure(() => collect({ path, fields: { input: 'q', reference: 'a' } }));
    expect(error.render()).toBe(`${path}:2: column "a" not found (have: q)`);
  });

  it('refuses a mapped line that is not an object', async () => {
    const path = await file('items.jsonl', '{"q":"a","a":"Yes"}\n[1,2]\n');
    const error = await failure(() => collect({ path, fields: { input: 'q', reference: 'a' } }));
    expect(error.render()).toBe(`${path}:2: a mapped items line must be an object of columns`);
  });

  it('reads a .json array with a byte order mark', async () => {
    const path = await file('items.json', `\uFEFF[${chat('q', 'a')}]`);
    expect((await collect({ path })).map((i) => i.reference)).toEqual(['a']);
  });
});

describe('loadOutputs', () => {
  it('refuses two outputs for one item id', async () => {
    const path = await file('outputs.jsonl', '{"id":"x","output":"Yes"}\n{"id":"x","output":"No"}\n');
    const error = await failure(() => loadOutputs(path, 'evaluate.candidates.0.outputs'));
    expect(error.render()).toBe(`${path}:2: two outputs for item id "x"`);
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonByteLength } from './json-byte-length.js';

const reference = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
const data = resolve(import.meta.dirname, '../../../../../data');
const lines = [
  ...readFileSync(`${data}/openai-cookbook/toy_chat_fine_tuning.jsonl`, 'utf8').split('\n'),
  ...readFileSync(resolve(import.meta.dirname, '../fixtures/broken-chat.jsonl'), 'utf8').split('\n'),
]
  .filter((line) => line.trim())
  .flatMap((line) => {
    try {
      return [JSON.parse(line) as unknown];
    } catch {
      return [];
    }
  });

function randomString(next: (n: number) => number): string {
  const pool = [
    'a',
    'é',
    '中',
    '😀',
    '"',
    '\\',
    '\n',
    '\t',
    '\u0001',
    '\u001f',
    '\u2028',
    '\ud800',
    '\udc00',
    ' ',
    '/',
  ];
  let text = '';
  for (let i = next(30); i > 0; i--) text += pool[next(pool.length)];
  return text;
}

describe('jsonByteLength', () => {
  it('equals the byte length of JSON.stringify on real training lines', () => {
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(jsonByteLength(line)).toBe(reference(line));
  });

  it('equals it on escapes, surrogates, numbers and left-out values', () => {
    let state = 3;
    const next = (n: number) => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state % n;
    };
    const values: unknown[] = [
      '',
      0,
      -0,
      1.5e-7,
      1e21,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      false,
      null,
      [],
      {},
      [undefined, () => 1, Symbol('s'), 1],
      { skipped: undefined, fn: () => 1, kept: 'x', nested: { deeper: [1, { a: null }] } },
      { date: new Date(0), toJSON: undefined },
      Object.create(null, { visible: { value: 'yes', enumerable: true }, hidden: { value: 'no' } }),
      new (class Point {
        x = 1;
      })(),
      { when: new Date(86_400_000) },
    ];
    for (let i = 0; i < 500; i++) values.push(randomString(next), { [randomString(next)]: [randomString(next), i] });
    for (const value of values) expect(jsonByteLength(value), JSON.stringify(value)).toBe(reference(value));
  });
});

import { describe, expect, it } from 'vitest';
import { encodeJson, type JsonSink } from './json-encoder.js';

/** A sink with a small buffer, so that values cross buffers and take the "too large for any buffer" path. */
function collect(value: unknown, size = 64): string {
  const parts: Buffer[] = [];
  const sink: JsonSink = {
    buffer: Buffer.alloc(size),
    offset: 0,
    reserve(bytes) {
      if (sink.offset + bytes <= size) return;
      parts.push(Buffer.from(sink.buffer.subarray(0, sink.offset)));
      sink.offset = 0;
    },
    large(text) {
      sink.reserve(size);
      parts.push(Buffer.from(text, 'utf8'));
    },
  };
  const written = encodeJson(sink, value);
  parts.push(Buffer.from(sink.buffer.subarray(0, sink.offset)));
  return written ? Buffer.concat(parts).toString('utf8') : 'undefined';
}

const STRINGS = [
  '',
  'plain',
  'quote " and \\ backslash',
  'tab\tnew\nline\r\u0001\u001f',
  '中文 é ß',
  '🙂 pair',
  '\ud800 lone',
  'x\udc00',
  '\u2028\u2029',
  '<|endoftext|>',
  'a'.repeat(300),
  '文'.repeat(100),
];

function randomValue(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 6 : 10));
  switch (pick) {
    case 0:
      return STRINGS[Math.floor(next() * STRINGS.length)];
    case 1:
      return [0, -0, 1.5, -3e-7, 1e21, 123456789012, Number.NaN, Number.POSITIVE_INFINITY][Math.floor(next() * 8)];
    case 2:
      return next() < 0.5;
    case 3:
      return null;
    case 4:
      return undefined;
    case 5:
      return [
        () => 1,
        Symbol('s'),
        new Date(Date.UTC(2026, 10, 26)),
        new Number(4),
        new String('w'),
        new Boolean(false),
      ][Math.floor(next() * 6)];
    case 6:
    case 7:
      return Array.from({ length: Math.floor(next() * 5) }, () => randomValue(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (const key of ['b', '2', 'a', '10', 'é"k', 'toJSONless', '\n'])
        if (next() < 0.5) object[key] = randomValue(next, depth + 1);
      return object;
    }
  }
}

describe('encodeJson', () => {
  it('writes the bytes of JSON.stringify for thousands of generated values', () => {
    let state = 42;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    for (let i = 0; i < 3000; i++) {
      const value = randomValue(next, 0);
      expect(collect(value, 16 + (i % 200))).toBe(String(JSON.stringify(value)));
    }
  });

  it('follows toJSON with the member name, as JSON.stringify does', () => {
    const keyed = { toJSON: (key: string) => `at ${key || 'top'}` };
    const value = { first: keyed, list: [keyed], nested: { toJSON: () => ({ inner: keyed }) } };
    expect(collect(value)).toBe(JSON.stringify(value));
    expect(collect(keyed)).toBe(JSON.stringify(keyed));
  });

  it("throws JSON.stringify's errors for BigInt and cycles", () => {
    expect(() => collect({ n: 1n })).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => collect(cycle)).toThrow(TypeError);
  });
});

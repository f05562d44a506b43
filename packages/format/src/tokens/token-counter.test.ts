import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { get_encoding, type TiktokenEncoding } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import { lazyTokenCounter, loadTokenCounter } from './token-counter.js';

const STATUTES = `${resolve(import.meta.dirname, '../../../../data')}/statutes-zh`;
const QA = `${resolve(import.meta.dirname, '../../../../data')}/disc-lawllm/qa_short_answer.json`;
const TOY = `${resolve(import.meta.dirname, '../../../../data')}/openai-cookbook/toy_chat_fine_tuning.jsonl`;

function realTexts(): string[] {
  const statutes = readdirSync(STATUTES).flatMap((file) => readFileSync(join(STATUTES, file), 'utf8').split('\n'));
  const qa = (JSON.parse(readFileSync(QA, 'utf8')) as Array<{ input: string; output: string }>).flatMap((row) => [
    row.input,
    row.output,
  ]);
  const toy = readFileSync(TOY, 'utf8').split('\n');
  const tricky = [
    '',
    ' ',
    '\n\n',
    'hi <|endoftext|> there',
    '<|fim_suffix|>',
    '🙂 emoji',
    'tab\tand\r\nCRLF',
    '   leading spaces',
  ];
  return [...statutes, ...qa, ...toy, ...tricky];
}

describe.each(['cl100k_base', 'o200k_base'] as const)('token counts on %s', (encoding) => {
  it('equal tiktoken exactly on real English and Chinese text', async () => {
    const reference = get_encoding(encoding as TiktokenEncoding);
    const counter = await loadTokenCounter(encoding);
    const texts = realTexts();
    expect(texts.length).toBeGreaterThan(2000);
    const mismatches = texts.filter((text) => counter.count(text) !== reference.encode_ordinary(text).length);
    reference.free();
    expect(mismatches).toEqual([]);
  });

  it('whole statutes at once as well', async () => {
    const reference = get_encoding(encoding as TiktokenEncoding);
    const counter = await loadTokenCounter(encoding);
    for (const file of readdirSync(STATUTES)) {
      const text = readFileSync(join(STATUTES, file), 'utf8');
      expect(counter.count(text)).toBe(reference.encode_ordinary(text).length);
    }
    reference.free();
  });

  it('caches repeated strings with the same count', async () => {
    const counter = await loadTokenCounter(encoding);
    const prompt = '你是一名消费者权益保护法律助手。';
    expect(counter.countCached(prompt)).toBe(counter.count(prompt));
    expect(counter.countCached(prompt)).toBe(counter.count(prompt));
  });
});

/** Pieces that sit on the edges of the split patterns: cases, marks, contractions, digits, breaks, surrogates. */
const TRICKY_PIECES = [
  'a',
  'Z',
  'word',
  ' the',
  'Hello',
  'WORLD',
  'camelCase',
  'ABCdef',
  'É',
  'é',
  'ß',
  'ǅ',
  'ʰ',
  '中',
  '文字',
  '\u0301',
  'e\u0301',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  "'",
  "'s",
  "'LL",
  "'re",
  "'ve",
  'don',
  '0',
  '7',
  '12345',
  '²',
  '٣',
  '.',
  ',',
  '!',
  '/',
  '(',
  '—',
  '“',
  '”',
  '🙂',
  '\ud800',
  '\udc00',
  '<|endoftext|>',
  'ﬁ',
  '\u00a0',
];

/** Random concatenations of tricky pieces, the same for every run. */
function trickyTexts(count: number): string[] {
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: count }, () => {
    let text = '';
    const pieces = 1 + Math.floor(next() * 24);
    for (let i = 0; i < pieces; i++) text += TRICKY_PIECES[Math.floor(next() * TRICKY_PIECES.length)];
    return text;
  });
}

describe.each(['cl100k_base', 'o200k_base', 'p50k_base', 'r50k_base'] as const)(
  'generated tricky text on %s',
  (encoding) => {
    it('counts exactly as tiktoken, loaded either way', async () => {
      const reference = get_encoding(encoding as TiktokenEncoding);
      const counters = [await loadTokenCounter(encoding), lazyTokenCounter(encoding)];
      const texts = trickyTexts(4000);
      for (const counter of counters) {
        const mismatches = texts.filter((text) => counter.count(text) !== reference.encode_ordinary(text).length);
        expect(mismatches.slice(0, 5)).toEqual([]);
      }
      reference.free();
    });
  },
);

describe('loadTokenCounter', () => {
  it('loads once per encoding and rejects unknown encodings', async () => {
    expect(await loadTokenCounter('cl100k_base')).toBe(await loadTokenCounter('cl100k_base'));
    expect(() => loadTokenCounter('gpt5_base')).toThrow(/unknown tokenizer encoding/);
  });

  it('offers tiktoken itself as the implementation, with the same counts', async () => {
    const reference = await loadTokenCounter('o200k_base', { implementation: 'tiktoken' });
    const fast = await loadTokenCounter('o200k_base');
    expect(reference).not.toBe(fast);
    const text = readFileSync(join(STATUTES, '电子商务法(2018-08-31).md'), 'utf8');
    expect(reference.count(text)).toBe(fast.count(text));
    expect(reference.count('a <|endoftext|> b')).toBe(fast.count('a <|endoftext|> b'));
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { get_encoding, type TiktokenEncoding } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import { loadTokenCounter } from './token-counter.js';

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

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combine32, hashString32 } from '../text/hash32.js';
import { normalizeText } from '../text/normalize.js';
import { shingleHashes } from './shingles.js';

// The definition the hand-written scanner must equal: units by regex, each hashed with hashString32.
const UNIT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

function referenceShingles(text: string, size: number): number[] {
  const units = [...text.matchAll(UNIT)].map((match) => hashString32(match[0]));
  if (units.length === 0) return [];
  const count = Math.max(1, units.length - size + 1);
  const width = Math.min(size, units.length);
  return Array.from({ length: count }, (_, start) => {
    let h = 0x2545f491;
    for (let k = 0; k < width; k++) h = combine32(h, units[start + k]!);
    return h;
  });
}

const scan = (text: string, size: number) => {
  const { hashes, count } = shingleHashes(text, size, new Uint32Array(4));
  return [...hashes.subarray(0, count)];
};

const chinese = (
  JSON.parse(
    readFileSync(`${resolve(import.meta.dirname, '../../../../../data')}/disc-lawllm/qa_short_answer.json`, 'utf8'),
  ) as {
    input: string;
    output: string;
  }[]
).slice(0, 60);
const english = readFileSync(
  `${resolve(import.meta.dirname, '../../../../../data')}/legalbench/hearsay/train.tsv`,
  'utf8',
).split('\n');
const mixed = [
  '',
  'a',
  'one two',
  'the buyer may return goods within seven days',
  '消费者 有权 退货 the buyer 7 天',
  'ｶﾀｶﾅ カタカナ ひらがな 한국어 법률 ᄀᄂ',
  '𠀀𠀁 ext b han 𝐀𝐁 math letters',
  'lone \ud800 surrogate \udc00 here',
  'ελληνικά русский عربى हिन्दी',
];

describe('shingleHashes', () => {
  it('equals the regex definition of units on English, Chinese and mixed scripts', () => {
    const texts = [...mixed, ...english, ...chinese.map((q) => `${q.input}\n${q.output}`)];
    for (const raw of texts) {
      const text = normalizeText(raw);
      for (const size of [1, 3, 5])
        expect(scan(text, size), `${size}: ${text.slice(0, 40)}`).toEqual(referenceShingles(text, size));
    }
  });

  it('makes character shingles of Chinese and word shingles of English', () => {
    expect(scan('法律规定', 2)).toHaveLength(3);
    expect(scan('the law says so', 2)).toHaveLength(3);
    expect(scan('', 5)).toEqual([]);
    expect(scan('short text', 5)).toHaveLength(1);
  });
});

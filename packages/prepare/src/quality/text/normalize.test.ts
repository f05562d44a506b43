import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.js';

// The definition the table-driven scanner must equal.
function referenceNormalize(text: string, numbers = false): string {
  let out = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ');
  if (numbers) out = out.replace(/\p{Nd}+/gu, '0');
  return out.trim();
}

const data = resolve(import.meta.dirname, '../../../../../data');
const english = readFileSync(`${data}/legalbench/hearsay/train.tsv`, 'utf8').split('\n');
const chinese = (
  JSON.parse(readFileSync(`${data}/disc-lawllm/qa_short_answer.json`, 'utf8')) as { input: string; output: string }[]
)
  .slice(0, 80)
  .flatMap((item) => [item.input, item.output]);
const edges = [
  '',
  '   ',
  '...!?',
  'Hello,   World!',
  '  leading and trailing  ',
  'ＦＵＬＬＷＩＤＴＨ　ｔｅｘｔ，ｙｅｓ',
  'non\u00a0breaking\u2003spaces\ttabs\nlines\r\n',
  'emoji 😀 between🎉words 👍🏽!',
  'astral punctuation 𝄞 music 𖩮 and 𝟏𝟐𝟑 digits',
  'lone \ud800 high and \udc00 low surrogates',
  'ligatures ﬁ ﬂ and ½ and ª',
  '§ 1983 and § 1981, ¶ 12 — “quoted” ‘single’',
  'İstanbul ΣΊΣΥΦΟΣ straße',
  'Ünïcödé ﹖﹗ ㈱ ⑴ ',
];

/** Deterministic strings of characters drawn from the ranges where classes change. */
function randomTexts(count: number): string[] {
  const ranges = [
    [0x20, 0x7f],
    [0xa0, 0x2ff],
    [0x2000, 0x206f],
    [0x3000, 0x30ff],
    [0x4e00, 0x4e80],
    [0xfe10, 0xff65],
    [0x1f300, 0x1f64f],
    [0x1d400, 0x1d7ff],
    [0xd800, 0xdfff],
  ];
  let state = 7;
  const next = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  return Array.from({ length: count }, () => {
    let text = '';
    for (let i = next(60); i > 0; i--) {
      const [low, high] = ranges[next(ranges.length)]!;
      text += String.fromCodePoint(low! + next(high! - low!));
    }
    return text;
  });
}

describe('normalizeText', () => {
  it('equals the regex definition on English, Chinese, edge cases and random Unicode', () => {
    for (const text of [...english, ...chinese, ...edges, ...randomTexts(2000)]) {
      expect(normalizeText(text), JSON.stringify(text)).toBe(referenceNormalize(text));
      expect(normalizeText(text, { numbers: true })).toBe(referenceNormalize(text, true));
    }
  });

  it('equals the definition for every BMP code unit, alone and between letters, marks and sigma', () => {
    const contexts = ['', 'Ab', 'x\u0301', 'ΑΣ', '\u1100', 'é', '，', '\u0301', '\u3099', '\u11a8', '\u0b3e'];
    for (let code = 0; code < 0x10000; code++) {
      const unit = String.fromCharCode(code);
      const left = contexts[code % contexts.length]!;
      const right = contexts[(code >> 3) % contexts.length]!;
      for (const text of [unit, `${left}${unit}${right}`, `${unit}${unit}b`]) {
        const got = normalizeText(text);
        const expected = referenceNormalize(text);
        if (got !== expected) expect(got, JSON.stringify(text)).toBe(expected);
      }
    }
    // Neighbours that might compose: 200,000 random pairs of BMP code units.
    let state = 3;
    const next = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state >>> 16;
    };
    for (let n = 0; n < 200_000; n++) {
      const text = String.fromCharCode(next(), next(), 0x62);
      const got = normalizeText(text);
      if (got !== referenceNormalize(text)) expect(got, JSON.stringify(text)).toBe(referenceNormalize(text));
    }
  });

  it('normalises ASCII unit by unit with the same result (every ASCII code unit, in random strings)', () => {
    let state = 11;
    for (let n = 0; n < 500; n++) {
      let text = '';
      for (let i = n % 40; i > 0; i--) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        text += String.fromCharCode(state % 128);
      }
      expect(normalizeText(text), JSON.stringify(text)).toBe(referenceNormalize(text));
      expect(normalizeText([text, 'ÀB', text])).toBe(referenceNormalize(`${text}\nÀB\n${text}`));
    }
  });

  it('normalises parts exactly as their join by line breaks (final sigma, compatibility forms, empty parts)', () => {
    const pool = [...english, ...chinese, ...edges, ...randomTexts(600), 'ΟΔΟΣ', 'Σ', '', '  ', '...', 'ﬁ', 'x\u0301'];
    for (let i = 0; i + 3 <= pool.length; i += 2) {
      const parts = [pool[i]!, pool[(i * 7) % pool.length]!, pool[i + 2]!];
      expect(normalizeText(parts), JSON.stringify(parts)).toBe(normalizeText(parts.join('\n')));
      expect(normalizeText(parts, { numbers: true })).toBe(normalizeText(parts.join('\n'), { numbers: true }));
    }
    expect(normalizeText(['ΟΔΟΣ', 'ΝΑΣ'])).toBe('οδος νας');
    expect(normalizeText([])).toBe('');
  });

  it('lower-cases, folds compatibility forms and collapses separators', () => {
    expect(normalizeText('  Ｈｅｌｌｏ,\u00a0WORLD!!  😀 ﬁne ')).toBe('hello world fine');
    expect(normalizeText('§ 1983 v. § 1981', { numbers: true })).toBe('0 v 0');
    expect(normalizeText('...')).toBe('');
  });

  it('keeps punctuation and symbols with punctuation: false, still folding case, forms and whitespace', () => {
    expect(normalizeText('  Ｈｅｌｌｏ,\u00a0WORLD!!  😀 ﬁne ', { punctuation: false })).toBe('hello, world!! 😀 fine');
    expect(normalizeText(['Is x > -1?', 'C++'], { punctuation: false })).toBe('is x > -1? c++');
    expect(normalizeText('Is x > -1?')).toBe(normalizeText('Is x > 1?'));
    expect(normalizeText('§ 1983', { punctuation: false, numbers: true })).toBe('§ 0');
  });
});

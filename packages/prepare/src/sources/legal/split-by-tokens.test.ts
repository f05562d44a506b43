import { createModelContext } from '@tunekit/format';
import { describe, expect, it } from 'vitest';
import { splitByTokens } from './split-by-tokens.js';

const model = await createModelContext({ model: 'gpt-4o-mini-2024-07-18' });
const count = model.countTokens;

describe('splitByTokens', () => {
  it('cuts a paragraph at sentence ends without changing its text', () => {
    const paragraph = '甲方应当履行全部义务；乙方应当付款！是否违约？'.repeat(40);
    const parts = splitByTokens([paragraph], 60, count);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flat().join('')).toBe(paragraph);
    for (const part of parts) expect(part.join('')).toMatch(/[；！？]$/);
  });

  it('keeps every part within the limit when a sentence has no end: cut between words, then graphemes', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `clause${i % 97}`).join(' ');
    const family = '👨‍👩‍👧'.repeat(400);
    const ideographs = '漢'.repeat(3000);
    const parts = splitByTokens([words, family, ideographs], 100, count);
    for (const part of parts) {
      expect(count(part.join('\n\n'))).toBeLessThanOrEqual(100);
      expect(part.join('').isWellFormed()).toBe(true);
    }
    const pieces = parts.flat();
    expect(pieces.filter((p) => p.startsWith('clause')).join(' ')).toBe(words);
    expect(pieces.filter((p) => p.startsWith('👨')).join('')).toBe(family);
    expect(pieces.filter((p) => p.startsWith('漢')).join('')).toBe(ideographs);
  });

  it('counts the blank lines that join paragraphs into a part', () => {
    const paragraphs = Array.from({ length: 30 }, () => 'The lessee shall pay the rent.');
    for (const part of splitByTokens(paragraphs, 40, count)) expect(count(part.join('\n\n'))).toBeLessThanOrEqual(40);
  });
});

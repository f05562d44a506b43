import { describe, expect, it } from 'vitest';
import { exampleParts, exampleText, markedExampleParts, type TextKey } from './example-text.js';

const LINES: unknown[] = [
  {
    messages: [
      { role: 'system', content: 'You are a lawyer.' },
      { role: 'user', content: 'Is a verbal contract valid?' },
      { role: 'assistant', content: 'Often, yes.' },
    ],
  },
  { messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'image_url' }, { text: 'b' }] }, null] },
  { messages: [] },
  { input: { messages: [{ role: 'user', content: 'q' }] }, preferred_output: [{ role: 'assistant', content: 'p' }] },
  { prompt: 'p', completion: 'c' },
  { question: 'q only' },
  'plain text',
  null,
  { other: 'x', more: 'y', n: 1 },
];

describe('exampleParts', () => {
  it('joined by line breaks is exampleText, for every line shape and key', () => {
    for (const key of ['example', 'prompt', 'user'] as TextKey[]) {
      for (const line of LINES) expect(exampleParts(line, key).join('\n')).toBe(exampleText(line, key));
    }
  });

  it('keeps a chat line in its messages, so the calling thread copies no text', () => {
    expect(exampleParts(LINES[0], 'example')).toEqual([
      'You are a lawyer.',
      'Is a verbal contract valid?',
      'Often, yes.',
    ]);
    expect(exampleParts(LINES[0], 'user')).toEqual(['Is a verbal contract valid?']);
  });

  it('marked for the conflicts check, joins into the same text and marks the answers (none past 31 parts)', () => {
    for (const line of LINES) {
      const marked = markedExampleParts(line);
      expect((Array.isArray(marked) ? marked : marked.parts).join('\n')).toBe(exampleText(line, 'example'));
    }
    expect(markedExampleParts(LINES[0])).toMatchObject({ answers: 0b100 });
    expect(markedExampleParts(LINES[3])).toEqual({ parts: ['q', 'p'], answers: 0b10, others: 0 });
    expect(markedExampleParts(LINES[4])).toEqual({ parts: ['p', 'c'], answers: 0b10, others: 0 });
    const pair = { ...(LINES[3] as object), non_preferred_output: [{ role: 'assistant', content: 'r' }] };
    expect(markedExampleParts(pair)).toEqual({ parts: ['q', 'p', 'r'], answers: 0b10, others: 0b100 });
    expect(exampleText(pair, 'example')).toBe('q\np\nr');
    const long = Array.from({ length: 40 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `m${i}` }));
    expect(markedExampleParts({ messages: long })).toMatchObject({ answers: 0 });
  });
});

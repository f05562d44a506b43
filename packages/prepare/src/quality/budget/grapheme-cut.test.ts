import { describe, expect, it } from 'vitest';
import { graphemeCut } from './grapheme-cut.js';

describe('graphemeCut', () => {
  // 😀 0–2, 🎉 2–4, 👍🏽 4–8, 👨‍👩‍👧 8–16, space, 中, 华, e + combining acute 19–21.
  const text = '😀🎉👍🏽👨‍👩‍👧 中华e\u0301';

  it('moves a cut back to the last grapheme boundary, keeping at least the first grapheme', () => {
    const cuts = Array.from({ length: text.length + 1 }, (_, at) => graphemeCut(text, at));
    expect(cuts).toEqual([2, 2, 2, 2, 4, 4, 4, 4, 8, 8, 8, 8, 8, 8, 8, 8, 16, 17, 18, 19, 19, 21]);
  });

  it('looks only near the cut in a long text, with the same result', () => {
    const long = `${'x'.repeat(5000)}${text}`;
    // From 2 on (before it, the text's own first-grapheme rule applies).
    for (let at = 2; at <= text.length; at++) expect(graphemeCut(long, 5000 + at)).toBe(5000 + graphemeCut(text, at));
    expect(graphemeCut(long, 5001)).toBe(5000);
  });

  it('never splits a surrogate pair, even with no grapheme boundary near the cut', () => {
    const marks = `a${'\u0301'.repeat(200)}😀${'\u0301'.repeat(200)}`;
    const at = 202;
    expect(marks.charCodeAt(at)).toBe(0xde00);
    expect(graphemeCut(marks, at)).toBe(201);
  });
});

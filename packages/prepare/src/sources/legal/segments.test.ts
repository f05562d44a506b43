import { describe, expect, it } from 'vitest';
import { segmentsOf } from './segments.js';

describe('segmentsOf', () => {
  it('finds the segments of a long text a window at a time, the same as over the whole text', () => {
    const text = `${'x'.repeat(255)}😀 ${'word 👨‍👩‍👧 '.repeat(500)}漢字`;
    for (const granularity of ['word', 'grapheme'] as const) {
      const segmenter = new Intl.Segmenter('en', { granularity });
      const whole = Array.from(segmenter.segment(text), (s) => s.segment);
      expect(segmentsOf(segmenter, text)).toEqual(whole);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { wrapLayout } from './wrap-width.js';

describe('wrapLayout', () => {
  it('measures a document of hundreds of thousands of lines (no argument list as long as the document)', () => {
    const lines = Array.from({ length: 300_000 }, (_, i) => ({
      text: i % 3 === 2 ? 'short last line.' : 'The Supplier shall keep complete and accurate records of all its',
      line: i + 1,
    }));
    expect(wrapLayout(lines)).toEqual({ width: 64, margin: 0 });
  });
});

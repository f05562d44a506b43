import type { TextLine } from '../text-lines.js';

/** Any of the three line endings: `\r\n` (Windows), `\n` (Unix) and a lone `\r` (classic Mac OS). */
export const LINE_BREAK = /\r\n|\r|\n/;

/** A document's lines, each with its 1-based line number. */
export function documentLines(text: string): TextLine[] {
  return text.split(LINE_BREAK).map((line, index) => ({ text: line, line: index + 1 }));
}

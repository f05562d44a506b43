import type { TextLine } from '../text-lines.js';

/** East Asian wide characters (ideographs, kana, hangul, full-width forms): two columns on a page or a terminal. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** Columns a text takes: two for a wide character, one for any other. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/** Narrower than this, lines are a list or a table, not text wrapped to fill a page. */
const MIN_WRAP_WIDTH = 30;
/** Lines this close to the width (a share of it) count as full: the next word did not fit on them. */
const NEAR = 0.85;
/** Fewer full lines than this are too few to tell a wrap from a few long paragraphs of similar length. */
const MIN_FULL_LINES = 8;

/** How a hard-wrapped document is laid out: the width its lines were wrapped at, and the indent of its body lines. */
export interface WrapLayout {
  width: number;
  /** Columns of indent of the least indented line: a line indented more is the first line of a paragraph. */
  margin: number;
}

/** Columns of white space a line starts with (a full-width space is two). */
export function indentOf(raw: string): number {
  return displayWidth(/^[\s\u3000]*/.exec(raw)?.[0] ?? '');
}

/**
 * How a document was hard-wrapped (as PDF-to-text output is), or undefined when it was not. The width is the widest
 * W that at most one line in fifty exceeds and that a third of the lines, and at least eight, come close to (85% of W or more). Text with
 * a line per paragraph (Markdown, word processors) has lines of every length and no such W.
 */
export function wrapLayout(lines: readonly TextLine[]): WrapLayout | undefined {
  const text = lines.filter((line) => line.text.trim() !== '');
  const width = wrapWidth(text);
  if (width === undefined) return undefined;
  return {
    width,
    margin: text.reduce((least, line) => Math.min(least, indentOf(line.text)), Number.POSITIVE_INFINITY),
  };
}

function wrapWidth(lines: readonly TextLine[]): number | undefined {
  const widths = lines
    .map((line) => displayWidth(line.text.trimEnd()))
    .filter((width) => width > 0)
    .sort((a, b) => b - a);
  // Each candidate costs a pass over the lines: a long document tries the widest twenty.
  const overAllowed = Math.min(20, Math.max(1, Math.floor(widths.length / 50)));
  for (let over = 0; over <= overAllowed && over < widths.length; over++) {
    const width = widths[over] as number;
    if (width < MIN_WRAP_WIDTH) return undefined;
    const near = widths.filter((w) => w <= width && w >= width * NEAR).length;
    if (near >= MIN_FULL_LINES && near * 3 >= widths.length) return width;
  }
  return undefined;
}

import { joinerBetween } from './cjk-join.js';
import { displayWidth, indentOf, type WrapLayout } from './wrap-width.js';

/** `(a)`, `(iv)`, `a)`, `i.`, `-`, `*`, `•`: a line that starts an item of a list, never the rest of the line above. */
const LIST_ITEM = /^(?:\(?[a-z0-9]{1,4}\)|[a-z]{1,4}\.\s|[-*•]\s)/i;
/** `（一）`, `(二)`, `三、`, `4．`, `①`: items of a Chinese article. */
const CJK_ITEM = /^(?:[（(][一二三四五六七八九十百\d]+[）)]|[一二三四五六七八九十百]+、|\d+[、．]|[\u2460-\u2473])/;
const BREAKS_WORD = /[A-Za-z]-$/;
const CJK_CHAR = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** A line that starts an item of a list (English or Chinese). */
export function startsListItem(line: string): boolean {
  return LIST_ITEM.test(line) || CJK_ITEM.test(line);
}

/**
 * Whether a line goes on the paragraph of the line just above it (no blank line between), as text hard-wrapped at a
 * fixed width does: the line above breaks a word (`sub-`) or a clause (`,`), or this line goes on in lower case.
 */
export function continuesLine(above: string, line: string): boolean {
  if (startsListItem(line)) return false;
  return BREAKS_WORD.test(above) || above.endsWith(',') || /^[a-z]/.test(line);
}

/**
 * Whether the line above (as written, its indent included) was broken by the wrap width: the first word of the line
 * below (its first character, for CJK text, which wraps anywhere) would not have fitted after it.
 */
function fillsWidth(aboveRaw: string, line: string, width: number): boolean {
  const first = CJK_CHAR.test(line[0] ?? '') ? (line[0] as string) : (line.split(/\s/, 1)[0] as string);
  const gap = CJK_CHAR.test(first) ? 0 : 1;
  return displayWidth(aboveRaw.trimEnd()) + gap + displayWidth(first) > width;
}

/**
 * A line joined to the text above it. A hyphen at the break stays (`sub-contracted`: it may be part of the word);
 * digits on both sides join only where the width broke a number inside CJK text (`罚款1` + `0000元`), and take a
 * space otherwise, so that two numbers on two lines never become one; CJK text joins without a space.
 */
export function joinWrapped(above: string, line: string, byWidth = false): string {
  if (BREAKS_WORD.test(above)) return above + line;
  if (/\d$/.test(above) && /^\d/.test(line)) {
    const cjkAround =
      CJK_CHAR.test(/(.)\d+$/u.exec(above)?.[1] ?? '') || CJK_CHAR.test(/^\d+(.)/u.exec(line)?.[1] ?? '');
    return `${above}${byWidth && cjkAround ? '' : ' '}${line}`;
  }
  return above + joinerBetween(above, line) + line;
}

/**
 * In a hard-wrapped document: whether a line goes on the paragraph of the line above (both as written). It does when
 * the width broke the line above, unless it starts an item or is indented past the margin (a paragraph's first line).
 */
export function wrapsOnto(aboveRaw: string, raw: string, layout: WrapLayout): boolean {
  const line = raw.trim();
  return !startsListItem(line) && indentOf(raw) <= layout.margin && fillsWidth(aboveRaw, line, layout.width);
}

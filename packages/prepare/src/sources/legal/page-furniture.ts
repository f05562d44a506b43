import type { TextLine } from '../text-lines.js';
import { LOWER_ROMAN, romanValue, UPPER_ROMAN } from './roman-numerals.js';

export type FurnitureKind = 'page_number' | 'running_header';

/** A line dropped as page furniture, for the run's report. */
export interface DroppedLine {
  kind: FurnitureKind;
  line: number;
  text: string;
}

const ROMAN = `(?:${LOWER_ROMAN}|${UPPER_ROMAN})`;

/**
 * `- 12 -`, `— 3 —`, `- iv -`, `第 3 页`, `第3页 共40页`, `共40页 第3页`, `Page 3`, `Page 3 of 40`, `p. 3`, `Page ix`,
 * `Page iv of xii`, `3 / 40`.
 */
const PAGE_NUMBERS = [
  new RegExp(`^[-–—－]\\s*(?:\\d{1,4}|${ROMAN})\\s*[-–—－]$`),
  /^第\s*[\d一二三四五六七八九十百]+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?$/,
  /^共\s*\d+\s*页\s*[，,/]?\s*第\s*\d+\s*页$/,
  /^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i,
  new RegExp(`^(?:[Pp]age|PAGE|p\\.)\\s+${ROMAN}(?:\\s+of\\s+${ROMAN})?$`),
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
];
/** A number alone on a line: a page number only at a page's edge, or in a rising sequence far apart. */
const BARE_NUMBER = /^\d{1,4}$/;
/**
 * A lower-case Roman numeral alone on a line (front matter: `xii`): a page number in a rising sequence at page edges,
 * or far apart. A single letter is less sure than a number (an item label `i`, `v` on its own line), and an upper-case
 * one alone is more often a heading (`II` above its title), which stays.
 */
const BARE_ROMAN = new RegExp(`^${LOWER_ROMAN}$`);
/** Headings and unit starts are structure even when they repeat at the top of pages. */
const STRUCTURE = /^(?:#|第\s*[\d０-９零〇一二三四五六七八九十百千两]+\s*[条條章节節编編]|(?:article|section)\s+\w|§)/i;
/** Lines at the top or bottom of a page that may be its header or footer (a header and its subtitle). */
const EDGE_LINES = 2;
/** Bare numbers that are page numbers without form feeds: at least this many, each this many lines apart. */
const SEQUENCE = { count: 3, apart: 5 };
/** Bare Roman numerals at page edges that are page numbers: at least two, rising. */
const EDGE_SEQUENCE = { count: 2, apart: 1 };

const isPageNumber = (text: string) => PAGE_NUMBERS.some((pattern) => pattern.test(text));

/** Where pages break: before each line with a form feed, or (without any) around each page-number line. */
function pageBreaks(lines: readonly TextLine[], texts: string[]): { breaks: number[]; byFormFeed: boolean } {
  const formFeeds = lines.flatMap((line, index) => (line.text.includes('\f') ? [index] : []));
  if (formFeeds.length > 0) return { breaks: formFeeds, byFormFeed: true };
  return { breaks: texts.flatMap((text, index) => (isPageNumber(text) ? [index, index + 1] : [])), byFormFeed: false };
}

/**
 * The lines at the edges of pages that may be running headers or footers, with the page each is on: up to two
 * lines at the top and at the bottom of a page (past its page number), set apart from the body by a blank line or
 * the page's end (or, below a header, a heading), and never a heading themselves; and the first and last line of
 * each page; and how many pages have text.
 */
function pageEdges(
  texts: string[],
  breaks: number[],
): { candidates: Map<number, number>; ends: number[]; pages: number } {
  const candidates = new Map<number, number>();
  const ends: number[] = [];
  let pages = 0;
  const bounds = [0, ...breaks, texts.length];
  const body = (index: number) =>
    texts[index] !== '' && !STRUCTURE.test(texts[index] as string) && !isPageNumber(texts[index] as string);
  for (let page = 0; page + 1 < bounds.length; page++) {
    const start = bounds[page] as number;
    const end = bounds[page + 1] as number;
    const skipped = (index: number) => texts[index] === '' || isPageNumber(texts[index] as string);
    if (texts.slice(start, end).some((_, offset) => !skipped(start + offset))) pages++;
    for (const step of [1, -1]) {
      let index = step === 1 ? start : end - 1;
      while (index >= start && index < end && texts[index] === '') index += step;
      if (index >= start && index < end) ends.push(index);
      while (index >= start && index < end && skipped(index)) index += step;
      const zone: number[] = [];
      while (index >= start && index < end && zone.length < EDGE_LINES && body(index)) {
        zone.push(index);
        index += step;
      }
      // A header may sit right above a heading; a footer right below one is the end of that article's text.
      const apart = index < start || index >= end || texts[index] === '' || (step === 1 && !body(index));
      if (apart) for (const line of zone) candidates.set(line, page);
    }
  }
  return { candidates, ends, pages };
}

/** The lines (in document order) when their values rise, far enough apart and enough of them; else none. */
function rising(
  indices: number[],
  numberAt: (index: number) => number,
  { count, apart }: { count: number; apart: number },
): number[] {
  if (indices.length < count) return [];
  const rises = indices.every(
    (index, i) =>
      i === 0 || (numberAt(index) > numberAt(indices[i - 1] as number) && index - (indices[i - 1] as number) >= apart),
  );
  return rises ? indices : [];
}

/**
 * Finds page furniture: page numbers, and running headers and footers (the same line, numbers aside, at the edge of
 * at least two pages and of three in ten). Headings and article starts are never furniture.
 */
export function findPageFurniture(lines: readonly TextLine[]): Map<number, FurnitureKind> {
  const texts = lines.map((line) => line.text.replace(/\f/g, '').trim());
  const found = new Map<number, FurnitureKind>();
  texts.forEach((text, index) => {
    if (isPageNumber(text)) found.set(index, 'page_number');
  });
  const { breaks, byFormFeed } = pageBreaks(lines, texts);
  const { candidates, ends, pages } = pageEdges(texts, breaks);
  const alone = (pattern: RegExp) =>
    byFormFeed
      ? [...new Set(ends)].filter((index) => pattern.test(texts[index] as string))
      : texts.flatMap((text, index) => (pattern.test(text) ? [index] : []));
  const bareNumbers = byFormFeed
    ? alone(BARE_NUMBER)
    : rising(alone(BARE_NUMBER), (index) => Number(texts[index]), SEQUENCE);
  const romanNumbers = rising(
    alone(BARE_ROMAN),
    (index) => romanValue(texts[index] as string),
    byFormFeed ? EDGE_SEQUENCE : SEQUENCE,
  );
  for (const index of [...bareNumbers, ...romanNumbers]) found.set(index, 'page_number');
  const pagesOf = new Map<string, { pages: Set<number>; lines: number[] }>();
  for (const [index, page] of candidates) {
    const text = texts[index] as string;
    if (found.has(index)) continue;
    const key = text.replace(/\d+/g, '#').replace(/\s+/g, ' ');
    const seen = pagesOf.get(key) ?? { pages: new Set(), lines: [] };
    seen.pages.add(page);
    seen.lines.push(index);
    pagesOf.set(key, seen);
  }
  for (const { pages: on, lines: at } of pagesOf.values()) {
    if (on.size >= 2 && on.size * 10 >= pages * 3) for (const index of at) found.set(index, 'running_header');
  }
  return found;
}

/**
 * The lines without the furniture found (or other lines to drop: notes at the foot of a page), and without form
 * feeds. With `closeGaps` (a hard-wrapped document, where the wrap decides whether a paragraph goes on) the blank
 * lines around dropped lines go too, so a paragraph broken by a page break is one again.
 */
export function withoutFurniture(
  lines: readonly TextLine[],
  found: ReadonlyMap<number, FurnitureKind> | ReadonlySet<number>,
  closeGaps: boolean,
): TextLine[] {
  const drop = new Set(found.keys());
  const blank = (index: number) => lines[index] !== undefined && lines[index].text.replace(/\f/g, '').trim() === '';
  if (closeGaps) {
    for (const index of found.keys()) {
      for (let up = index - 1; blank(up); up--) drop.add(up);
      for (let down = index + 1; blank(down); down++) drop.add(down);
    }
  }
  return lines
    .filter((_, index) => !drop.has(index))
    .map((line) => (line.text.includes('\f') ? { ...line, text: line.text.replace(/\f/g, '') } : line));
}

import type { TextLine } from '../text-lines.js';
import { LINE_BREAK } from './document-lines.js';
import { decodeEntities } from './html-entities.js';

const BLOCK = 'p|pre|div|li|ul|ol|dl|dt|dd|section|article|header|footer|nav|aside|main|table|tr|blockquote|h[1-6]';

/**
 * Source-line marks: `\ue000<line>\ue001` at the start of each HTML line. Private-use characters are neither
 * whitespace nor markup, so they ride through the rewriting below and tell where each line of the text came from.
 */
const MARK_OPEN = '\ue000';
const MARK = /\ue000(\d+)\ue001/g;
const MARK_CHARS = /[\ue000\ue001]/g;

function markLines(html: string): string {
  let line = 1;
  const marked = html
    .replace(MARK_CHARS, '')
    .replace(new RegExp(LINE_BREAK, 'g'), (brk) => `${brk}${MARK_OPEN}${++line}\ue001`);
  return `${MARK_OPEN}1\ue001${marked}`;
}

/**
 * Runs of whitespace (line breaks included) show as one space, as a browser shows them, except in `<pre>`; the marks
 * in a run stay, before its space.
 */
function collapseWhitespace(html: string): string {
  const collapse = (run: string) => run.replace(/\s+/g, '') + (/\s/.test(run) ? ' ' : '');
  return html
    .split(/(<pre\b[\s\S]*?<\/pre\s*>)/i)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(?:\s|\ue000\d+\ue001)+/g, collapse)))
    .join('');
}

/**
 * The lines of marked text, each numbered by the mark in effect where its text starts (the last mark before its
 * first visible character); blank lines at most one in a row, spaces and tabs at the ends trimmed.
 */
function unmarkLines(marked: string): TextLine[] {
  const lines: TextLine[] = [];
  let current = 1;
  for (const raw of marked.split(LINE_BREAK)) {
    let line: number | undefined;
    let text = '';
    let last = 0;
    for (const mark of raw.matchAll(MARK)) {
      text += raw.slice(last, mark.index);
      if (line === undefined && text.trim() !== '') line = current;
      current = Number(mark[1]);
      last = mark.index + mark[0].length;
    }
    text = (text + raw.slice(last)).replace(/^[ \t]+|[ \t]+$/g, '');
    if (text === '' && lines.at(-1)?.text === '') continue;
    lines.push({ text, line: line ?? current });
  }
  return lines;
}

/** A page without an `<h1>` gets its `<title>` as one (the document's title), at the title's line. */
function withTitleHeading(html: string): string {
  if (/<h1\b/i.test(html)) return html;
  const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html)?.[1];
  if (title === undefined || title.replace(MARK, '').trim() === '') return html;
  return `<h1>${title}</h1>${html}`;
}

/**
 * Turns an HTML legal document into Markdown-like lines, each numbered by the line of the HTML file its text starts
 * on: `<h1>`–`<h6>` become `#` headings, block elements become paragraphs, table cells are set apart by a space,
 * scripts and styles are dropped, and the `<title>` stands for a missing `<h1>`. Enough for statute pages; not a
 * general HTML renderer.
 */
export function htmlToLines(html: string): TextLine[] {
  const text = collapseWhitespace(
    withTitleHeading(markLines(html)).replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi, ''),
  )
    .replace(/<h([1-6])\b[^>]*>/gi, (_, level: string) => `\n\n${'#'.repeat(Number(level))} `)
    .replace(new RegExp(`</?(?:${BLOCK})\\b[^>]*>`, 'gi'), '\n\n')
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return unmarkLines(decodeEntities(text));
}

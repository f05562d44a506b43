import type { TextLine } from '../text-lines.js';
import type { ParsedDocument } from './legal-chunk.js';
import { appendTableRow } from './table-rows.js';
import { UnitBuilder } from './unit-builder.js';
import type { WrapLayout } from './wrap-width.js';
import { continuesLine, joinWrapped, wrapsOnto } from './wrapped-line.js';

/**
 * Splits unstructured text into paragraphs (blank-line separated) under its Markdown headings. In a document
 * hard-wrapped as `wrap` says, a line the width did not break also ends its paragraph.
 */
export function parseParagraphs(lines: readonly TextLine[], fallbackTitle: string, wrap?: WrapLayout): ParsedDocument {
  const builder = new UnitBuilder();
  let aboveRaw = '';
  for (const { text, line: lineNumber } of lines) {
    const line = text.trim();
    const above = aboveRaw;
    aboveRaw = text;
    if (!line) {
      builder.close();
      continue;
    }
    const markdown = /^(#{1,6})\s+(.*)$/.exec(line);
    if (markdown) {
      const heading = (markdown[2] as string).trim();
      const level = (markdown[1] as string).length;
      builder.close();
      if (!builder.title && level === 1) builder.title = heading;
      else builder.heading({ label: heading, title: '', level });
      continue;
    }
    const open = builder.openUnit;
    if (appendTableRow(open?.paragraphs, line)) continue;
    const last = open ? open.paragraphs.length - 1 : -1;
    const paragraph = open?.paragraphs[last];
    const byWidth = wrap !== undefined && wrapsOnto(above, text, wrap);
    if (open && paragraph !== undefined && (wrap === undefined || byWidth || continuesLine(paragraph, line))) {
      open.paragraphs[last] = joinWrapped(paragraph, line, byWidth);
      continue;
    }
    builder.open({ kind: 'paragraph', line: lineNumber, first: line });
  }
  return builder.result(fallbackTitle);
}

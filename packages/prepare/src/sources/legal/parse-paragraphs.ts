import type { TextLine } from '../text-lines.js';
import { joinerBetween } from './cjk-join.js';
import type { ParsedDocument } from './legal-chunk.js';
import { UnitBuilder } from './unit-builder.js';

/** Splits unstructured text into paragraphs (blank-line separated) under its Markdown headings. */
export function parseParagraphs(lines: readonly TextLine[], fallbackTitle: string): ParsedDocument {
  const builder = new UnitBuilder();
  for (const { text, line: lineNumber } of lines) {
    const line = text.trim();
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
    if (open) {
      // Lines of one paragraph join with a space, or directly for CJK text.
      const last = open.paragraphs.length - 1;
      open.paragraphs[last] += joinerBetween(open.paragraphs[last] ?? '', line) + line;
      continue;
    }
    builder.open({ kind: 'paragraph', line: lineNumber, first: line });
  }
  return builder.result(fallbackTitle);
}

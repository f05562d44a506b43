import { joinerBetween } from './cjk-join.js';
import type { ParsedDocument } from './legal-chunk.js';
import { UnitBuilder } from './unit-builder.js';

/** Splits unstructured text into paragraphs (blank-line separated) under its Markdown headings. */
export function parseParagraphs(lines: string[], fallbackTitle: string): ParsedDocument {
  const builder = new UnitBuilder();
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) {
      builder.close();
      return;
    }
    const markdown = /^(#{1,6})\s+(.*)$/.exec(line);
    if (markdown) {
      const text = (markdown[2] as string).trim();
      const level = (markdown[1] as string).length;
      builder.close();
      if (!builder.title && level === 1) builder.title = text;
      else builder.heading({ label: text, title: '', level });
      return;
    }
    const open = builder.openUnit;
    if (open) {
      // Lines of one paragraph join with a space, or directly for CJK text.
      const last = open.paragraphs.length - 1;
      open.paragraphs[last] += joinerBetween(open.paragraphs[last] ?? '', line) + line;
      return;
    }
    builder.open({ kind: 'paragraph', line: index + 1, first: line });
  });
  return builder.result(fallbackTitle);
}

import type { Heading, LegalUnit, ParsedDocument } from './legal-chunk.js';

/** Splits unstructured text into paragraphs (blank-line separated) under its Markdown headings. */
export function parseParagraphs(lines: string[], fallbackTitle: string): ParsedDocument {
  let title = '';
  const stack: Heading[] = [];
  const units: LegalUnit[] = [];
  let current: LegalUnit | undefined;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) {
      current = undefined;
      return;
    }
    const markdown = /^(#{1,6})\s+(.*)$/.exec(line);
    if (markdown) {
      const text = (markdown[2] as string).trim();
      const level = (markdown[1] as string).length;
      current = undefined;
      if (!title && level === 1) {
        title = text;
        return;
      }
      while (stack.length > 0 && (stack.at(-1) as Heading).level >= level) stack.pop();
      stack.push({ label: text, title: '', level });
      return;
    }
    if (current) {
      // Lines of one paragraph join with a space, or directly for CJK text.
      const last = current.paragraphs.length - 1;
      const joiner = /[\u3000-\u9fff]$/.test(current.paragraphs[last] ?? '') ? '' : ' ';
      current.paragraphs[last] += joiner + line;
      return;
    }
    current = { kind: 'paragraph', headings: [...stack], line: index + 1, paragraphs: [line] };
    units.push(current);
  });
  return { title: title || fallbackTitle, units };
}

import { decodeEntities } from './html-entities.js';

const BLOCK = 'p|pre|div|li|ul|ol|dl|dt|dd|section|article|header|footer|nav|aside|main|table|tr|blockquote|h[1-6]';

/** Runs of whitespace (line breaks included) show as one space, as a browser shows them, except in `<pre>`. */
function collapseWhitespace(html: string): string {
  return html
    .split(/(<pre\b[\s\S]*?<\/pre\s*>)/i)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\s+/g, ' ')))
    .join('');
}

/**
 * Turns an HTML legal document into Markdown-like text: `<h1>`–`<h6>` become `#` headings, block elements become
 * paragraphs, table cells are set apart by a space, scripts and styles are dropped. Enough for statute pages; not a
 * general HTML renderer.
 */
export function htmlToText(html: string): string {
  const text = collapseWhitespace(html.replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi, ''))
    .replace(/<h([1-6])\b[^>]*>/gi, (_, level: string) => `\n\n${'#'.repeat(Number(level))} `)
    .replace(new RegExp(`</?(?:${BLOCK})\\b[^>]*>`, 'gi'), '\n\n')
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

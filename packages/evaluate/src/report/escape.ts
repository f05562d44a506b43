/** Escaping for every place data or model text is rendered. Each function is total: any string in, safe text out. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** C0/C1 control characters other than tab, newline and carriage return (they corrupt XML and confuse terminals). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Lone surrogates and the non-characters XML 1.0 forbids. */
const INVALID_XML = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g;

/** Replaces control characters with U+FFFD so they stay visible and harmless. */
export function stripControl(text: string): string {
  return text.replace(CONTROL, '\ufffd').replace(INVALID_XML, '\ufffd');
}

/** HTML text and attribute values (quoted with either quote). Also safe for SVG text. */
export function escapeHtml(value: unknown): string {
  return stripControl(String(value)).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

/** XML text and attribute values (junit.xml). */
export const escapeXml = escapeHtml;

/**
 * JSON for a `<script type="application/json">` block: `<`, `>`, `&`, U+2028/2029 and DEL/C1 controls become \\u
 * escapes, so no `</script>` or `<!--` can appear in the block and JSON.parse gives back the exact data.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029\u007f-\u009f]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * One Markdown table cell on one line: newlines become spaces, `|` and the inline-syntax characters are
 * backslash-escaped, `<`, `>` and `&` become entities so no HTML reaches the renderer.
 */
export function escapeMarkdown(value: unknown): string {
  return stripControl(String(value))
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]{}|~#!]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@\u200b');
}

/** Shortens long text for a summary (the HTML table shows the full text, wrapped). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

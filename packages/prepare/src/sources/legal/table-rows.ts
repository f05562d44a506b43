/** `| Service | Fee |`, `|---|---|`: a row of a Markdown table. */
const TABLE_ROW = /^\|.*\|$/;

/**
 * Adds a table row to the paragraph it continues (the last one, when its last line is a row too), on a line of its
 * own: a table stays one block with a row a line, not one run-on line or a paragraph a row. False when it is not.
 */
export function appendTableRow(paragraphs: string[] | undefined, line: string): boolean {
  const last = paragraphs?.at(-1);
  if (!paragraphs || last === undefined || !TABLE_ROW.test(line)) return false;
  if (!TABLE_ROW.test(last.slice(last.lastIndexOf('\n') + 1))) return false;
  paragraphs[paragraphs.length - 1] = `${last}\n${line}`;
  return true;
}

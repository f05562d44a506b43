/** `(a)`, `(iv)`, `a)`, `i.`, `-`, `*`, `•`: a line that starts an item of a list, never the rest of the line above. */
const LIST_ITEM = /^(?:\(?[a-z0-9]{1,4}\)|[a-z]{1,4}\.\s|[-*•]\s)/i;
const BREAKS_WORD = /[A-Za-z]-$/;

/**
 * Whether a line goes on the paragraph of the line just above it (no blank line between), as text hard-wrapped at a
 * fixed width does: the line above breaks a word (`sub-`) or a clause (`,`), or this line goes on in lower case.
 */
export function continuesLine(above: string, line: string): boolean {
  if (LIST_ITEM.test(line)) return false;
  return BREAKS_WORD.test(above) || above.endsWith(',') || /^[a-z]/.test(line);
}

/** A line joined to the text above it: a hyphen at the break stays (`sub-contracted`: it may be part of the word). */
export function joinWrapped(above: string, line: string): string {
  return BREAKS_WORD.test(above) ? above + line : `${above} ${line}`;
}

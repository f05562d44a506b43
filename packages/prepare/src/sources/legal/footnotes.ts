import type { TextLine } from '../text-lines.js';
import { joinerBetween } from './cjk-join.js';

/** `[^1]: 2013年修正。`: a Markdown footnote definition; indented lines below it go on its text. */
const DEFINITION = /^\[\^([^\]\s]+)\]:\s*(.*)$/;
const REFERENCE = /\[\^([^\]\s]+)\]/g;

export interface Footnotes {
  /** The document's lines without the definitions (their lines left blank, so later lines keep their numbers). */
  lines: TextLine[];
  notes: Map<string, string>;
}

/** Takes the Markdown footnote definitions that the text refers to out of its flow (others stay text). */
export function extractFootnotes(lines: readonly TextLine[]): Footnotes {
  const referenced = new Set<string>();
  for (const line of lines) {
    if (DEFINITION.test(line.text.trim())) continue;
    for (const match of line.text.matchAll(REFERENCE)) referenced.add(match[1] as string);
  }
  const notes = new Map<string, string>();
  let open: string | undefined;
  const kept = lines.map((line) => {
    const definition = DEFINITION.exec(line.text.trim());
    if (definition && referenced.has(definition[1] as string)) {
      open = definition[1] as string;
      notes.set(open, (definition[2] as string).trim());
      return { ...line, text: '' };
    }
    if (open !== undefined && /^(?: {2,}|\t)\S/.test(line.text)) {
      const note = notes.get(open) ?? '';
      const more = line.text.trim();
      notes.set(open, note ? note + joinerBetween(note, more) + more : more);
      return { ...line, text: '' };
    }
    open = undefined;
    return line;
  });
  return { lines: notes.size > 0 ? kept : [...lines], notes };
}

/**
 * A text without its footnote references (`[^1]`), and the notes they refer to, in order. A reference to a note the
 * document does not define stays as written.
 */
export function resolveFootnotes(text: string, notes: Map<string, string>): { text: string; footnotes: string[] } {
  const footnotes: string[] = [];
  const stripped = text.replace(REFERENCE, (reference, id: string) => {
    const note = notes.get(id);
    if (note === undefined) return reference;
    if (!footnotes.includes(note)) footnotes.push(note);
    return '';
  });
  return { text: stripped, footnotes };
}

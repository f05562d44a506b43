import type { TextLine } from '../text-lines.js';
import type { FurnitureKind } from './page-furniture.js';
import { joinWrapped } from './wrapped-line.js';

/** `3 Royalties are computed quarterly.`: the first line of a note at the foot of a page. */
const NOTE_START = /^([1-9]\d{0,2})\s+\S/;
/** `________`: the rule a PDF draws above its footnotes. */
const RULE = /^[_\-–—─]{5,}$/;
/**
 * A superscript number as a PDF export writes it: digits glued to the word before them (`royalties.3`, `Licensor3`,
 * `“Services”,4`), never to a digit (`2.3`) or a capital (`Exhibit A1`, `Form W2`), and not followed by a letter or
 * digit (`H2O`).
 */
const REFERENCE = /(?<=[a-z]|[A-Za-z][.,;:!?”’"')\]]{1,2})[1-9]\d{0,2}(?![\p{L}\d])/gu;

/** A footnote reference found in the text: where its digits are. */
export interface NoteReference {
  /** Index of the line in the document's lines. */
  index: number;
  at: number;
  length: number;
  note: string;
}

export interface PageFootnotes {
  /** Lines of notes, and of rules above them, by index: they leave the text. */
  noteLines: Set<number>;
  /** Each note's one reference, in document order. */
  references: NoteReference[];
}

interface Note {
  number: number;
  text: string;
  lines: number[];
}

/** The lines of a group (a run of lines between blank ones, top down) read as consecutively numbered notes, or none. */
function notesOf(group: number[], texts: string[]): Note[] | undefined {
  const notes: Note[] = [];
  for (const index of group) {
    const text = texts[index] as string;
    const start = NOTE_START.exec(text);
    const last = notes.at(-1);
    if (start && (last === undefined || Number(start[1]) === last.number + 1)) {
      notes.push({ number: Number(start[1]), text: text.slice((start[1] as string).length).trim(), lines: [index] });
    } else if (last) {
      last.text = joinWrapped(last.text, text);
      last.lines.push(index);
    } else return undefined;
  }
  return notes;
}

/**
 * The notes at the foot of a page (lines `start` to `end`): groups of consecutively numbered notes going up from the
 * page's last text, each numbered just below the one under it, between blank lines, rules and page furniture
 * (`skip`); with the line the notes start on, and the rule above them, if any.
 */
function footOf(
  texts: string[],
  skip: (index: number) => boolean,
  start: number,
  end: number,
): { notes: Note[]; top: number; rule?: number } {
  const separates = (index: number) => texts[index] === '' || skip(index) || RULE.test(texts[index] as string);
  let notes: Note[] = [];
  let top = end;
  let index = end - 1;
  for (;;) {
    while (index >= start && (texts[index] === '' || skip(index))) index--;
    const group: number[] = [];
    while (index >= start && !separates(index)) group.unshift(index--);
    const found = group.length > 0 ? notesOf(group, texts) : undefined;
    const below = notes[0];
    if (!found || (below !== undefined && (found.at(-1) as Note).number + 1 !== below.number)) break;
    notes = [...found, ...notes];
    top = group[0] as number;
  }
  let rule: number | undefined;
  for (let i = top - 1; i >= start && (texts[i] === '' || RULE.test(texts[i] as string)); i--) {
    if (texts[i] !== '') rule = i;
  }
  return { notes, top, ...(rule !== undefined && { rule }) };
}

/** Whether the references are in the order of the text. */
function inTextOrder(references: NoteReference[]): boolean {
  return references.every((ref, i) => {
    const before = references[i - 1];
    return before === undefined || ref.index > before.index || (ref.index === before.index && ref.at > before.at);
  });
}

/**
 * Footnotes of a PDF export: numbered notes at the foot of a page, each referred to by a superscript number glued to
 * a word of that page's text (`royalties.3`). Only pages split by form feeds are read, and a page only when each of
 * its notes has exactly one such reference on it, in the notes' order, above a blank line or a rule that sets the
 * notes apart: otherwise a numbered paragraph at the foot of a page, or a number glued to a word, could be taken for
 * one. Page furniture (`skip`) is passed over.
 */
export function findPageFootnotes(lines: readonly TextLine[], skip: ReadonlyMap<number, FurnitureKind>): PageFootnotes {
  const texts = lines.map((line) => line.text.replace(/\f/g, '').trim());
  const breaks = lines.flatMap((line, index) => (line.text.includes('\f') ? [index] : []));
  const noteLines = new Set<number>();
  const references: NoteReference[] = [];
  if (breaks.length === 0) return { noteLines, references };
  const bounds = [0, ...breaks, lines.length];
  for (let page = 0; page + 1 < bounds.length; page++) {
    const start = bounds[page] as number;
    const { notes, top, rule } = footOf(texts, (index) => skip.has(index), start, bounds[page + 1] as number);
    const body = texts.slice(start, top).some((text) => text !== '' && !RULE.test(text));
    if (notes.length === 0 || !body) continue;
    const found = new Map<number, NoteReference[]>();
    for (let index = start; index < top; index++) {
      if (skip.has(index)) continue;
      for (const match of (lines[index] as TextLine).text.matchAll(REFERENCE)) {
        const note = notes.find((candidate) => candidate.number === Number(match[0]));
        if (!note) continue;
        const list = found.get(note.number) ?? [];
        list.push({ index, at: match.index, length: match[0].length, note: note.text });
        found.set(note.number, list);
      }
    }
    const placed = notes.map((note) => found.get(note.number) ?? []);
    if (!placed.every((list) => list.length === 1)) continue;
    const ordered = placed.map((list) => list[0] as NoteReference);
    if (!inTextOrder(ordered)) continue;
    references.push(...ordered);
    for (const note of notes) for (const index of note.lines) noteLines.add(index);
    if (rule !== undefined) noteLines.add(rule);
  }
  return { noteLines, references };
}

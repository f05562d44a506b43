import type { TextLine } from '../text-lines.js';
import type { ParsedDocument } from './legal-chunk.js';
import type { NoteReference } from './page-footnotes.js';

const PRIVATE_USE_FIRST = 0xe000;
const PRIVATE_USE_LAST = 0xf8ff;

/** Private-use characters the document does not hold, as many as asked (fewer when it holds nearly all of them). */
function unusedPrivateUse(lines: readonly TextLine[], count: number): string[] {
  const used = new Set<number>();
  for (const { text } of lines) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= PRIVATE_USE_FIRST && code <= PRIVATE_USE_LAST) used.add(code);
    }
  }
  const free: string[] = [];
  for (let code = PRIVATE_USE_FIRST; code <= PRIVATE_USE_LAST && free.length < count; code++) {
    if (!used.has(code)) free.push(String.fromCharCode(code));
  }
  return free;
}

/**
 * Footnote references of a PDF export, marked in the document's lines without changing their width: whether a line
 * goes on the one above is told by widths, which `[^1]` in place of `1` would change. The digits of each reference
 * become a private-use character of its own that the document does not hold, padded to their width with another.
 * Once the document is parsed, they become Markdown references (`[^page-note-1]`) in its units' text, which chunks
 * resolve like Markdown footnotes: the reference leaves the text, the note goes to `footnotes`.
 */
export class NotePlaceholders {
  /** The notes by id, for the references once resolved. */
  readonly notes = new Map<string, string>();
  private readonly marks: string[];
  private readonly filler: string;

  constructor(
    lines: readonly TextLine[],
    private readonly references: readonly NoteReference[],
  ) {
    const free = unusedPrivateUse(lines, references.length + 1);
    this.filler = free.pop() ?? '';
    this.marks = free;
    references.forEach((reference, i) => {
      this.notes.set(this.idOf(i), reference.note);
    });
  }

  /** False when the document holds too many private-use characters to mark them all. */
  get usable(): boolean {
    return this.filler !== '' && this.marks.length === this.references.length;
  }

  /** The lines with each reference's digits replaced by its placeholder. */
  mark(lines: readonly TextLine[]): TextLine[] {
    const marked = [...lines];
    // From the last, so that positions in a line hold while it changes.
    for (let i = this.references.length - 1; i >= 0; i--) {
      const { index, at, length } = this.references[i] as NoteReference;
      const line = marked[index] as TextLine;
      const placeholder = (this.marks[i] as string) + this.filler.repeat(length - 1);
      marked[index] = { ...line, text: line.text.slice(0, at) + placeholder + line.text.slice(at + length) };
    }
    return marked;
  }

  /**
   * The parsed document with the placeholders as `[^id]` in its units' text; undefined when one is missing or is
   * anywhere else (a heading, a title), where no chunk would resolve it.
   */
  resolve(doc: ParsedDocument): ParsedDocument | undefined {
    const ids = new Map(this.marks.map((mark, i) => [mark, this.idOf(i)]));
    const placeholder = new RegExp(`([${this.marks.join('')}])${this.filler}*`, 'g');
    let placed = 0;
    const units = doc.units.map((unit) => ({
      ...unit,
      paragraphs: unit.paragraphs.map((paragraph) =>
        paragraph.replace(placeholder, (_, mark: string) => {
          placed++;
          return `[^${ids.get(mark)}]`;
        }),
      ),
    }));
    const resolved = { ...doc, units };
    const left = new RegExp(`[${this.marks.join('')}${this.filler}]`);
    return placed === this.marks.length && !left.test(JSON.stringify(resolved)) ? resolved : undefined;
  }

  private idOf(i: number): string {
    return `page-note-${i + 1}`;
  }
}

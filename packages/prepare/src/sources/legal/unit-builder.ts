import type { Heading, LegalUnit, ParsedDocument } from './legal-chunk.js';

/** What every structure parser tracks while it reads: the title, the heading stack and the open unit. */
export class UnitBuilder {
  title = '';
  private readonly stack: Heading[] = [];
  private readonly units: LegalUnit[] = [];
  private current: LegalUnit | undefined;

  /** A heading closes the open unit and replaces every heading at its level or below. */
  heading(heading: Heading): void {
    while (this.stack.length > 0 && (this.stack.at(-1) as Heading).level >= heading.level) this.stack.pop();
    this.stack.push(heading);
    this.current = undefined;
  }

  /** Starts a unit under the current headings (`number` is dropped when it is not a number). */
  open(unit: { kind: LegalUnit['kind']; line: number; label?: string; number?: number; first?: string }): LegalUnit {
    const { first, number, ...rest } = unit;
    const opened: LegalUnit = { ...rest, headings: [...this.stack], paragraphs: first ? [first] : [] };
    if (number !== undefined && !Number.isNaN(number)) opened.number = number;
    this.units.push(opened);
    this.current = opened;
    return opened;
  }

  /** The unit lines go to; outside any unit, a `text` unit opened at this line. */
  openOrText(line: number): LegalUnit {
    return this.current ?? this.open({ kind: 'text', line });
  }

  /** Closes the open unit (a blank line between paragraphs). */
  close(): void {
    this.current = undefined;
  }

  /** The unit lines currently go to, if any. */
  get openUnit(): LegalUnit | undefined {
    return this.current;
  }

  result(fallbackTitle: string): ParsedDocument {
    return { title: this.title || fallbackTitle, units: this.units };
  }
}

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

  /** Drops the headings at `level` and below (a new unit of the kind that made them). */
  closeHeadings(level: number): void {
    while (this.stack.length > 0 && (this.stack.at(-1) as Heading).level >= level) this.stack.pop();
  }

  /**
   * Turns the open unit into a heading over the units that follow (`ARTICLE 1` over its clauses), titled by its first
   * paragraph when that is a title (`DEFINITIONS`). A unit holding only its title is that heading and no unit any
   * more; one with text stays a unit too.
   */
  nestUnder(level: number, isTitle: (paragraph: string) => boolean): void {
    const unit = this.current;
    if (!unit?.label) return;
    const [first, ...others] = unit.paragraphs;
    const title = first !== undefined && isTitle(first) ? first : '';
    this.heading({ label: unit.label, title, level });
    if (others.length === 0 && (first === undefined || title)) this.units.splice(this.units.indexOf(unit), 1);
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

  /** True before the first heading or unit. */
  get isEmpty(): boolean {
    return this.units.length === 0 && this.stack.length === 0;
  }

  /** The unit lines currently go to, if any. */
  get openUnit(): LegalUnit | undefined {
    return this.current;
  }

  result(fallbackTitle: string): ParsedDocument {
    return { title: this.title || fallbackTitle, units: this.units };
  }
}

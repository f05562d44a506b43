import type { TextLine } from '../text-lines.js';
import type { LegalUnit, ParsedDocument } from './legal-chunk.js';
import { romanValue } from './roman-numerals.js';
import { appendTableRow } from './table-rows.js';
import { UnitBuilder } from './unit-builder.js';
import type { WrapLayout } from './wrap-width.js';
import { continuesLine, joinWrapped, wrapsOnto } from './wrapped-line.js';

/**
 * `Article 12`, `ARTICLE IV`, `Section 3.`, `Section 2.01`, `§ 5`, `§ 53a-21`, `§§ 101-105`, `1.`, `12.` at the start
 * of a line: each starts a unit.
 */
const UNIT_START =
  /^(?:(article|section)\s+([0-9]+[a-z]?(?:\.[0-9]+[a-z]?)*|[IVXLC]+)\b[.:]?|(§{1,2})\s*([0-9]+[a-z]?(?:[.\-–][0-9]+[a-z]?)*)\b\.?|([0-9]+)\.(?!\d))\s*(.*)$/i;
/** After a cited section number: a lower-case word (`of this Agreement`), a comma, or a sub-clause and a comma. */
const CITATION_GOES_ON = /^(?:[a-z]|[,;]|\([a-z0-9]{1,4}\)\s*[,;)])/;
/** Headings from Markdown are levels 1–6; an Article or Section over numbered clauses nests below them. */
const CONTAINER_LEVEL = 7;
/** `DEFINITIONS`, `Payment Terms`, `— TERM AND TERMINATION`: a short title, no sentence. */
const TITLE = /^[-–—:.\s]*[A-Z][A-Za-z&,'’\- ]{0,60}$/;

function isTitle(paragraph: string): boolean {
  return TITLE.test(paragraph) && paragraph.split(/\s+/).length <= 8;
}

/**
 * An Article or Section whose first paragraph is its title, over text (`ARTICLE 5 CONFIDENTIALITY`, then body
 * paragraphs): the title leaves the text for the unit's title, as it leaves it for the heading of an Article over
 * numbered clauses. A unit that is only a title keeps it as its text.
 */
function takeTitle(unit: LegalUnit): void {
  const [first, ...body] = unit.paragraphs;
  if ((unit.kind !== 'article' && unit.kind !== 'section') || first === undefined || body.length === 0) return;
  if (!isTitle(first)) return;
  unit.title = first;
  unit.paragraphs = body;
}

/**
 * `Chapter 2 Notices`, `PART II — DUTIES`, `Title 3`: a heading on a line of its own in plain text (Markdown gives
 * `##`). What follows the number is a title or nothing: `Part 1 of this Act applies` is a sentence.
 */
const PLAIN_HEADING =
  /^(title|part|subpart|chapter|subchapter|division|subdivision)\s+([0-9]+[A-Z]?|[IVXLC]+)\b\s*[.:]?\s*(?:[-–—:]\s*)?(.*)$/i;

/**
 * `Consumer Protection Act 2015`, `THE COMPANIES ACT, 2013`, `Master Services Agreement`: a law's or contract's name,
 * as plain text gives it on its first line.
 */
const LAW_NAME =
  /^[A-Z][A-Za-z&,'’\- ]{0,80}\b(?:act|code|law|regulations?|rules|agreement|contract|constitution|ordinance|statute|treaty|convention|directive)\b(?:,?\s*(?:of\s+)?\(?\d{4}\)?)?$/i;

/** Heading levels of plain text, by kind in the order the document first uses them (its outermost first). */
class PlainHeadingLevels {
  private readonly levels = new Map<string, number>();

  of(kind: string): number {
    const key = kind.toLowerCase();
    const known = this.levels.get(key);
    if (known !== undefined) return known;
    // Level 1 is the `#` title; an Article over clauses nests at CONTAINER_LEVEL, below every heading.
    const level = Math.min(2 + this.levels.size, CONTAINER_LEVEL - 1);
    this.levels.set(key, level);
    return level;
  }
}

/** `1.1`, `(a)`, `(iv)`: sub-clauses stay inside their unit. */
const ROMAN = /^[IVXLC]+$/i;

/** True when several lines start with Article / Section / § / a numbered clause. */
export function looksLikeEnglishStructure(lines: readonly TextLine[]): boolean {
  let units = 0;
  for (const { text } of lines) if (UNIT_START.test(text.trim()) && ++units >= 2) return true;
  return false;
}

/**
 * Splits English statutes and contracts into Article / Section / § / numbered-clause units under Markdown headings.
 * Lines of a paragraph hard-wrapped as `wrap` says are joined.
 */
export function parseEnglishStructure(
  lines: readonly TextLine[],
  fallbackTitle: string,
  wrap?: WrapLayout,
): ParsedDocument {
  const builder = new UnitBuilder();
  const levels = new PlainHeadingLevels();
  // Whether the line above was text of the open unit (no blank line or heading since), which a line may go on.
  let joinable = false;
  let aboveRaw = '';
  for (const { text: raw, line: lineNumber } of lines) {
    const line = raw.trim();
    const previous = aboveRaw;
    aboveRaw = raw;
    if (!line) {
      joinable = false;
      continue;
    }
    const markdown = /^(#{1,6})\s+(.*)$/.exec(line);
    if (markdown) {
      joinable = false;
      const text = (markdown[2] as string).trim();
      if (!builder.title && markdown[1] === '#') builder.title = text;
      else builder.heading({ label: text, title: '', level: (markdown[1] as string).length });
      continue;
    }
    if (!builder.title && builder.isEmpty && LAW_NAME.test(line) && !UNIT_START.test(line)) {
      builder.title = line;
      continue;
    }
    const byWidth = wrap !== undefined && joinable && wrapsOnto(previous, raw, wrap);
    // `… may file under` / `Chapter 11 Bankruptcy Code`: a sentence going on, not a heading.
    const goesOn = joinable && !/[.;:!?)\]"”’]$/.test(builder.openUnit?.paragraphs.at(-1) ?? '.');
    const heading = byWidth || goesOn ? null : PLAIN_HEADING.exec(line);
    if (heading && (heading[3] === '' || isTitle(heading[3] as string))) {
      joinable = false;
      const [, kind, number, title] = heading as unknown as [string, string, string, string];
      builder.heading({ label: `${kind} ${number}`, title, level: levels.of(kind) });
      continue;
    }
    const start = UNIT_START.exec(line);
    // `Section 12 of this Agreement`, `Section 7(d), the …` on a line the width broke onto cite a section.
    if (start && !(byWidth && CITATION_GOES_ON.test(start[6] ?? ''))) {
      const [, word, wordNumber, section, sectionNumber, clauseNumber, rest] = start;
      const numberText = wordNumber ?? sectionNumber ?? clauseNumber ?? '';
      const label = word ? `${word} ${wordNumber}` : section ? `${section} ${sectionNumber}` : `${clauseNumber}.`;
      const kind = word?.toLowerCase() === 'article' ? 'article' : word || section ? 'section' : 'clause';
      // `Section 2.01` and `§§ 101-105` have no single whole number.
      const number = ROMAN.test(numberText)
        ? romanValue(numberText)
        : /[.\-–]/.test(numberText)
          ? undefined
          : Number.parseInt(numberText, 10);
      // Numbered clauses inside an Article or Section go under it; the next Article or Section ends that.
      if (clauseNumber !== undefined) {
        const open = builder.openUnit;
        if (open && open.kind !== 'clause' && open.kind !== 'text') builder.nestUnder(CONTAINER_LEVEL, isTitle);
      } else builder.closeHeadings(CONTAINER_LEVEL);
      builder.open({ kind, label, number, line: lineNumber, first: rest });
      joinable = true;
      continue;
    }
    const paragraphs = builder.openUnit?.paragraphs;
    if (joinable && appendTableRow(paragraphs, line)) continue;
    const above = paragraphs?.at(-1);
    if (paragraphs && above !== undefined && joinable && (byWidth || continuesLine(above, line))) {
      paragraphs[paragraphs.length - 1] = joinWrapped(above, line, byWidth);
    } else builder.openOrText(lineNumber).paragraphs.push(line);
    joinable = true;
  }
  const doc = builder.result(fallbackTitle);
  for (const unit of doc.units) takeTitle(unit);
  return doc;
}

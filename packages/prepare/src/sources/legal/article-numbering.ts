import type { LegalUnit } from './legal-chunk.js';

/** An article whose number does not follow the one before it: a gap or a repeat. */
export interface NumberingBreak {
  line: number;
  article: string;
  after: string;
}

/**
 * Articles numbered out of sequence (`第四条` then `第六条`, or `第六条` twice): a sign of an article lost in the export
 * or read as text. Added articles (`第一百二十条之一`, `第 15-1 條`) share their base number and are passed over.
 */
export function numberingBreaks(units: readonly LegalUnit[]): NumberingBreak[] {
  const breaks: NumberingBreak[] = [];
  let previous: LegalUnit | undefined;
  for (const unit of units) {
    if (unit.kind !== 'article' || unit.number === undefined || /之|-/.test(unit.label ?? '')) continue;
    if (previous?.number !== undefined && unit.number !== previous.number + 1) {
      breaks.push({ line: unit.line, article: unit.label ?? '', after: previous.label ?? '' });
    }
    previous = unit;
  }
  return breaks;
}

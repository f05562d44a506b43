import type { IntervalMethod, ReportData } from './report-data.js';

/** Marks an interval that is Hoeffding's bound (fewer than 6 items) wherever intervals are shown. */
export const HOEFFDING_MARK = '‡';

export function intervalMark(method: IntervalMethod | undefined): string {
  return method === 'hoeffding' ? ` ${HOEFFDING_MARK}` : '';
}

/** What the marked intervals are, when the report has any: plain text, renderers escape it. */
export function hoeffdingNote(data: ReportData): string | null {
  const marked = [...data.summaries, ...data.comparisons].some((entry) => entry.ciMethod === 'hoeffding');
  return marked
    ? `${HOEFFDING_MARK} fewer than 6 items: a bootstrap of so few values means nothing, so this is Hoeffding's interval, which holds for any scores in 0..1 and is wide by design.`
    : null;
}

/** The same in words, where no note explains the mark (junit.xml, the key figures). */
export function intervalWords(method: IntervalMethod | undefined): string {
  return method === 'hoeffding' ? " (Hoeffding's interval: fewer than 6 items)" : '';
}

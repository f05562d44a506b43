import type { IntervalMethod, ReportData } from './report-data.js';

/** Intervals that are not the usual one for their scorer, with the mark, note and words that say what they are. */
const UNUSUAL: Partial<Record<IntervalMethod, { mark: string; note: string; words: string }>> = {
  hoeffding: {
    mark: '‡',
    note: "fewer than 6 items: a bootstrap of so few values means nothing, so this is Hoeffding's interval, which holds for any scores in 0..1 and is wide by design.",
    words: "Hoeffding's interval: fewer than 6 items",
  },
  'all-equal': {
    mark: '†',
    note: "every item gave the same value: a bootstrap would shrink to a point, so this interval bounds the share of items that could differ (Wilson's bound, as for n passes of n) times the largest possible difference.",
    words: 'every item gave the same value',
  },
  'bootstrap-widened': {
    mark: '§',
    note: "no item went past the most extreme value observed on one side (not one loss, say): a bootstrap cannot reach past it, so that side is widened by the share of items that could (Wilson's bound for 0 of n) times the largest possible distance past it.",
    words: 'bootstrap widened past the most extreme value observed',
  },
};

export function intervalMark(method: IntervalMethod | undefined): string {
  const unusual = method && UNUSUAL[method];
  return unusual ? ` ${unusual.mark}` : '';
}

/** What the marked intervals of the report are, one sentence per kind of mark: plain text, renderers escape it. */
export function intervalNotes(data: ReportData): string[] {
  const used = new Set([...data.summaries, ...data.comparisons].map((entry) => entry.ciMethod));
  return Object.entries(UNUSUAL).flatMap(([method, unusual]) =>
    used.has(method as IntervalMethod) ? [`${unusual.mark} ${unusual.note}`] : [],
  );
}

/** What an unusual interval is, in a few words; undefined for the usual one. */
export function unusualIntervalWords(method: IntervalMethod | undefined): string | undefined {
  return method ? UNUSUAL[method]?.words : undefined;
}

/** The same in brackets after an interval, where no note explains the mark (junit.xml, the key figures). */
export function intervalWords(method: IntervalMethod | undefined): string {
  const words = unusualIntervalWords(method);
  return words ? ` (${words})` : '';
}

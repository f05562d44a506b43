const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** How far around a cut graphemes are looked at: longer than any cluster of real text (an emoji family is 8 units). */
const WINDOW = 64;

/**
 * The largest grapheme boundary at or before `at`, but at least the end of the first grapheme: a text cut there
 * keeps whole characters (never half of a surrogate pair, a letter without its accent, or part of an emoji sequence)
 * and is never empty. Only the text around `at` is segmented, so a cut in a long text stays cheap.
 */
export function graphemeCut(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const from = Math.max(0, at - WINDOW);
  let cut = 0;
  for (const { index } of graphemes.segment(text.slice(from, at + WINDOW))) {
    if (from + index > at) break;
    if (index > 0) cut = from + index;
  }
  if (cut > 0) return cut;
  // `at` lies in the first grapheme; or the window holds no boundary (a long run of combining marks), where at
  // least a surrogate pair is never split.
  if (from === 0) return firstGraphemeEnd(text);
  return isLowSurrogate(text.charCodeAt(at)) ? at - 1 : at;
}

function firstGraphemeEnd(text: string): number {
  const first = graphemes.segment(text)[Symbol.iterator]().next().value;
  return first ? first.segment.length : 0;
}

const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** Segments of a short window: V8's Intl.Segmenter takes time quadratic in the length of the text it is given. */
const WINDOW = 256;

/**
 * The segments (words or graphemes) of a text of any length, found a window at a time. A window's last segment may
 * go on past it, so the next window starts where that segment starts; a segment longer than a window is cut there.
 */
export function segmentsOf(segmenter: Intl.Segmenter, text: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + WINDOW);
    // A window never ends between the two halves of a surrogate pair.
    if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1] as string)) end--;
    const pieces = Array.from(segmenter.segment(text.slice(start, end)), (s) => s.segment);
    if (end < text.length && pieces.length > 1) pieces.pop();
    for (const piece of pieces) out.push(piece);
    start += pieces.reduce((length, piece) => length + piece.length, 0);
  }
  return out;
}

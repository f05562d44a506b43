const CANDIDATES = [',', '\t', ';', '|'] as const;

/** Counts a delimiter outside quotes on one line. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count++;
  }
  return count;
}

/**
 * Picks the delimiter that splits the first lines into the same, largest number of fields.
 * Falls back to tab for `.tsv` files and comma otherwise.
 */
export function detectDelimiter(sample: string, fileName: string): string {
  const fallback = /\.tsv$/i.test(fileName) ? '\t' : ',';
  const lines = sample
    .split(/\r?\n/)
    .slice(0, 20)
    .filter((line) => line.length > 0);
  // The last line of a sample may be cut off.
  if (lines.length > 2) lines.pop();
  let best = fallback;
  let bestScore = 0;
  for (const delimiter of CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((count) => count === first).length / counts.length;
    const score = consistent * first + (delimiter === fallback ? 0.5 : 0);
    if (consistent >= 0.5 && score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** The longest prefix of `text` with at most `maxTokens` tokens (binary search over characters). */
export function truncateToTokens(text: string, maxTokens: number, count: (text: string) => number): string {
  if (maxTokens <= 0) return '';
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (count(text.slice(0, middle)) <= maxTokens) low = middle;
    else high = middle - 1;
  }
  return text.slice(0, low);
}

/** The rules of sacreBLEU's default tokenizer `13a` (mteval-v13a.pl), in its order. */
const RULES: [RegExp, string][] = [
  // punctuation and symbols: { to ~, [ to `, space to &, ( to +, : to @, and /
  [/([{-~[-` -&(-+:-@/])/g, ' $1 '],
  // period and comma unless preceded by a digit
  [/([^0-9])([.,])/g, '$1 $2 '],
  // period and comma unless followed by a digit
  [/([.,])([^0-9])/g, ' $1 $2'],
  // dash preceded by a digit
  [/([0-9])(-)/g, '$1 $2 '],
];

/** Tokens of a line by sacreBLEU's `13a` tokenizer (no lower-casing, its default). */
export function tokenize13a(text: string): string[] {
  let line = text
    .replace(/<skipped>/g, '')
    .replace(/-\n/g, '')
    .replace(/\n/g, ' ');
  if (line.includes('&')) {
    line = line
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  }
  line = ` ${line} `;
  for (const [pattern, replacement] of RULES) line = line.replace(pattern, replacement);
  return line.split(/\s+/).filter((token) => token.length > 0);
}

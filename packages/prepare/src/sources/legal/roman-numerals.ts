/** A Roman numeral from 1 to 399 in lower case (`iv`, `xii`), as the source of a regular expression. */
export const LOWER_ROMAN = '(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})';

/** The same in upper case (`IV`, `XII`). */
export const UPPER_ROMAN = LOWER_ROMAN.toUpperCase();

const VALUES: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

/** The value of a Roman numeral (either case; `iv` → 4, `XII` → 12). */
export function romanValue(numeral: string): number {
  const letters = numeral.toLowerCase();
  let value = 0;
  for (let i = 0; i < letters.length; i++) {
    const here = VALUES[letters[i] as string] ?? 0;
    const next = VALUES[letters[i + 1] as string] ?? 0;
    value += here < next ? -here : here;
  }
  return value;
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * Converts a Chinese numeral below 10,000 (五百零九, 十二) or Arabic digits, full-width ones too (１２), to an integer;
 * NaN when it is neither.
 */
export function chineseNumeralToInt(text: string): number {
  const ascii = text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  let total = 0;
  let digit = 0;
  for (const char of text) {
    if (char in DIGITS) digit = DIGITS[char] as number;
    else if (char in UNITS) {
      total += (digit || 1) * (UNITS[char] as number);
      digit = 0;
    } else return Number.NaN;
  }
  return total + digit;
}

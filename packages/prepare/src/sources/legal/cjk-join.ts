// CJK ideographs, kana, hangul, CJK and full-width punctuation: scripts written without spaces between words.
const CJK_SET = '\\u2e80-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef\\u{20000}-\\u{3134f}';
const ENDS_CJK = new RegExp(`[${CJK_SET}]$`, 'u');
const STARTS_CJK = new RegExp(`^[${CJK_SET}]`, 'u');

/** How two pieces of one text written on separate lines join: directly next to CJK text, else with a space. */
export function joinerBetween(before: string, after: string): string {
  return ENDS_CJK.test(before) || STARTS_CJK.test(after) ? '' : ' ';
}

/** Joins words split by whitespace (`监  护`, `Data  Act`) the way the text is written: `监护`, `Data Act`. */
export function joinWords(words: string[]): string {
  let text = words[0] ?? '';
  for (const word of words.slice(1)) text += joinerBetween(text, word) + word;
  return text;
}

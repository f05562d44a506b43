/**
 * The whole text of an article a later amendment repealed or a contract left blank: `（删除）`, `[Repealed]`,
 * `(Reserved)`, `[Intentionally Omitted]`. Such an article still holds its number in the law, but a training line
 * asking what it says would teach the model to answer with the marker.
 */
const REPEAL_MARKER =
  /^[[(（【〔]?\s*(?:删除|刪除|已删除|已刪除|废止|廢止|已废止|已廢止|repealed|deleted|reserved|omitted|intentionally\s+omitted|intentionally\s+left\s+blank)\s*[\])）】〕]?\s*[.。]?$/iu;

export function repealMarker(paragraphs: readonly string[]): string | undefined {
  if (paragraphs.length !== 1) return undefined;
  const text = (paragraphs[0] as string).trim();
  return REPEAL_MARKER.test(text) ? text : undefined;
}

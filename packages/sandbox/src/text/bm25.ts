import { terms } from './terms.js';

const K1 = 1.2;
const B = 0.75;

export interface Bm25Index {
  size: number;
  /** Index of the best document and its score; ties go to the earliest document; -1 when nothing matches. */
  best(query: string): { index: number; score: number };
}

/** Okapi BM25 over the given documents (built once, queried many times). */
export function buildBm25(documents: string[]): Bm25Index {
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const lengths: number[] = [];
  documents.forEach((document, doc) => {
    const docTerms = terms(document);
    lengths.push(docTerms.length);
    const tf = new Map<string, number>();
    for (const term of docTerms) tf.set(term, (tf.get(term) ?? 0) + 1);
    for (const [term, count] of tf) {
      const list = postings.get(term);
      if (list) list.push({ doc, tf: count });
      else postings.set(term, [{ doc, tf: count }]);
    }
  });
  const n = documents.length;
  const averageLength = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, n) || 1;

  return {
    size: n,
    best(query) {
      const scores = new Float64Array(n);
      for (const term of new Set(terms(query))) {
        const list = postings.get(term);
        if (!list) continue;
        const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
        for (const { doc, tf } of list) {
          const norm = tf + K1 * (1 - B + (B * lengths[doc]!) / averageLength);
          scores[doc] = (scores[doc] ?? 0) + (idf * tf * (K1 + 1)) / norm;
        }
      }
      let index = -1;
      let score = 0;
      for (let doc = 0; doc < n; doc++) {
        if (scores[doc]! > score) {
          score = scores[doc]!;
          index = doc;
        }
      }
      return { index, score };
    },
  };
}

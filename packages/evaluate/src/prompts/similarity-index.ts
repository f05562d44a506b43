const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]+/gu;

/** Words for spaced scripts; character bigrams for Chinese, Japanese and Korean, which have no spaces. */
export function similarityTokens(text: string): string[] {
  const out: string[] = [];
  for (const [run] of text.matchAll(TOKEN)) {
    if (!CJK.test(run)) {
      out.push(run.toLowerCase());
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.push(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  }
  return out;
}

function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of similarityTokens(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** TF-IDF cosine over an inverted index: the k documents nearest to a query, ties broken by position. */
export class SimilarityIndex {
  private readonly postings = new Map<string, { doc: number; weight: number }[]>();
  private readonly idf = new Map<string, number>();

  constructor(documents: readonly string[]) {
    const counts = documents.map(termCounts);
    const df = new Map<string, number>();
    for (const c of counts) for (const t of c.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log(1 + documents.length / n));
    counts.forEach((c, doc) => {
      const weights = [...c].map(([t, tf]) => [t, tf * (this.idf.get(t) ?? 0)] as const);
      const norm = Math.hypot(...weights.map(([, w]) => w)) || 1;
      for (const [t, w] of weights) {
        const list = this.postings.get(t) ?? [];
        if (list.length === 0) this.postings.set(t, list);
        list.push({ doc, weight: w / norm });
      }
    });
  }

  nearest(query: string, k: number, accept: (doc: number) => boolean = () => true): number[] {
    const scores = new Map<number, number>();
    for (const [t, tf] of termCounts(query)) {
      const q = tf * (this.idf.get(t) ?? 0);
      for (const { doc, weight } of this.postings.get(t) ?? []) scores.set(doc, (scores.get(doc) ?? 0) + q * weight);
    }
    return [...scores]
      .filter(([doc]) => accept(doc))
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([doc]) => doc);
  }
}

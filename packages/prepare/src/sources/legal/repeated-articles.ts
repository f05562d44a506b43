/** Articles a file shares, by law and label, with a file read before it. */
export interface RepeatedArticles {
  file: string;
  law: string;
  /** The earlier file most of them were read from. */
  earlier: string;
  count: number;
  first: string;
}

/**
 * Remembers which file each article of each law came from, to tell when a later file repeats them: two versions of
 * one statute, or two contracts with the same title. Their article questions are the same text with other answers
 * (parts of one code, 总则 and 合同编 of the Civil Code, share the title but not the articles).
 */
export class ArticleOrigins {
  private readonly origins = new Map<string, Map<string, string>>();

  /** Notes the labelled units of one file; returns what it repeats from earlier files, if anything. */
  noteFile(file: string, law: string, labels: readonly (string | undefined)[]): RepeatedArticles | undefined {
    let seen = this.origins.get(law);
    if (!seen) {
      seen = new Map();
      this.origins.set(law, seen);
    }
    const earlierFiles = new Map<string, number>();
    let first: string | undefined;
    for (const label of labels) {
      if (label === undefined) continue;
      const origin = seen.get(label);
      if (origin === undefined) seen.set(label, file);
      else if (origin !== file) {
        earlierFiles.set(origin, (earlierFiles.get(origin) ?? 0) + 1);
        first ??= label;
      }
    }
    if (first === undefined) return undefined;
    const [earlier] = [...earlierFiles].sort((a, b) => b[1] - a[1])[0]!;
    const count = [...earlierFiles.values()].reduce((sum, n) => sum + n, 0);
    return { file, law, earlier, count, first };
  }
}

import type { DataRecord } from '@tunekit/core';
import { statuteLanguage } from './statute-tasks.js';

/** The fields of a `read-legal` chunk the statute tasks read. */
export interface StatuteChunk {
  law?: string;
  article?: string;
  topic?: string;
  text?: string;
  part?: number;
  parts?: number;
  [field: string]: unknown;
}

interface Entry {
  article: string;
  texts: string[];
}

/**
 * The articles of one topic as they stream past (read-legal yields a topic's articles one after another); the
 * parts of a split article join their article's entry. Closed when the next chunk has another topic.
 */
export class TopicArticles {
  readonly parents: string[] = [];
  /** Whether its articles are in more than one group (its line goes with the first's). */
  spansGroups = false;
  private readonly entries: Entry[] = [];

  constructor(
    readonly key: string,
    readonly first: DataRecord,
    readonly group: string | undefined,
  ) {}

  add(record: DataRecord, chunk: StatuteChunk): void {
    this.parents.push(record.id);
    const last = this.entries.at(-1);
    const text = chunk.text ?? '';
    if (last && chunk.part !== undefined && chunk.part > 1 && last.article === chunk.article) last.texts.push(text);
    else this.entries.push({ article: chunk.article ?? '', texts: [text] });
  }

  /**
   * The template fields of the topic's line: the first chunk's fields, with `article`/`articles` naming every
   * article (`第七条、第八条`), `text` their texts, `listing` each article with its text, and `count`.
   */
  fields(): StatuteChunk {
    const { part: _part, parts: _parts, ...first } = this.first.data as StatuteChunk;
    const zh = statuteLanguage(first.law ?? '') === 'zh';
    const articles = this.entries.map((entry) => entry.article).join(zh ? '、' : ', ');
    const texts = this.entries.map((entry) => entry.texts.join('\n\n'));
    const listing = this.entries.map((entry, i) => `${entry.article}${zh ? '：' : ': '}${texts[i]}`).join('\n\n');
    return { ...first, article: articles, articles, text: texts.join('\n\n'), listing, count: this.entries.length };
  }
}

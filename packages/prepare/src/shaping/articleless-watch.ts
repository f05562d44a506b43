import { type DataRecord, TunekitError } from '@tunekit/core';

/** Records after which tasks that met no article stop the run (a smaller input is judged at its end). */
const JUDGE_AFTER = 1000;

/**
 * Notices statute tasks over records that are no articles at all (CSV rows, or read-legal paragraphs of
 * `split_on: paragraph`): each would be discarded as `not_an_article` and the run would end with nothing written; it
 * stops instead with one line naming the fields the records do have.
 */
export class ArticlelessWatch {
  private articles = 0;
  private others = 0;
  private fields: string[] = [];

  article(): void {
    this.articles++;
  }

  notArticle(record: DataRecord, step: string): void {
    if (this.others++ === 0 && record.data && typeof record.data === 'object') this.fields = Object.keys(record.data);
    if (this.others === JUDGE_AFTER) this.judge(step, false);
  }

  /** Throws when records came and none was an article. */
  judge(step: string, atEnd: boolean): void {
    if (this.articles > 0 || this.others === 0) return;
    const records = atEnd
      ? `${this.others === 1 ? 'the record' : `the ${this.others} records`}`
      : `the first ${this.others} records`;
    throw new TunekitError(
      'OPTION_INVALID',
      `tasks ask about the articles of read-legal chunks (split_on: article or auto), but none of ${records} has \`article\`; their fields: ${this.fields.join(', ') || 'none'}`,
      { context: { step, field: 'tasks', hint: 'for rows of your own, use user/assistant templates' } },
    );
  }
}

import { type DataRecord, TunekitError } from '@tunekit/core';

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

  notArticle(record: DataRecord): void {
    if (this.others++ === 0 && record.data && typeof record.data === 'object') this.fields = Object.keys(record.data);
  }

  /**
   * Throws at the end of the input when records came and none was an article (never sooner: a folder's prose
   * document may come before its statutes).
   */
  judge(step: string): void {
    if (this.articles > 0 || this.others === 0) return;
    const records = this.others === 1 ? 'the record' : `the ${this.others} records`;
    throw new TunekitError(
      'OPTION_INVALID',
      `tasks ask about the articles of read-legal chunks (split_on: article or auto), but none of ${records} has \`article\`; their fields: ${this.fields.join(', ') || 'none'}`,
      { context: { step, field: 'tasks', hint: 'for rows of your own, use user/assistant templates' } },
    );
  }
}

import type { StepContext } from '@tunekit/core';
import type { StatuteChunk } from './topic-articles.js';

/**
 * Topics whose line was made, by key, with their first article's id. A topic that comes back after it (rows not in
 * the order of the law) would make a second line asking the same question with another answer.
 */
export class ClosedTopics {
  private readonly firstIds = new Map<string, string>();
  private warned = false;

  close(key: string, firstId: string): void {
    this.firstIds.set(key, firstId);
  }

  has(key: string): boolean {
    return this.firstIds.has(key);
  }

  /** Why an article of a closed topic gets no topic line (the run warns the first time). */
  returning(key: string, chunk: StatuteChunk, id: string, ctx: StepContext): string {
    const message =
      `topic \`${chunk.topic}\` of ${chunk.law ?? 'the law'} comes back after other articles: its line was made with the articles ` +
      `from \`${this.firstIds.get(key)}\`; a topic's articles must come one after another (sort the rows by law and topic)`;
    if (!this.warned) {
      this.warned = true;
      ctx.logger.warn(`${ctx.step}: \`${id}\`: ${message}; rejected as topic_not_contiguous`);
    }
    return message;
  }
}

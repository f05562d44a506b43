import type { StepContext } from '@tunekit/core';

const EXAMPLES = 10;

/**
 * Kept lines that ask the prompt of an earlier kept line with another answer: a chat line's assistant messages, a
 * preference line's preferred output (another rejected output under the same preferred one is another pair, no
 * conflict), a completion. Trained on both, a model learns to pick one of the answers at random; `key: prompt`
 * keeps the first.
 */
export class AnswerConflicts {
  private readonly firstByPrompt = new Map<number, { id: string; answer: number }>();
  private readonly prompts = new Set<number>();
  private lines = 0;
  private readonly examples: { id: string; same_prompt_as: string }[] = [];

  /** `prompt` and `answer` are the line's `promptKey` and `answerKey` (-1: no line with a prompt and an answer). */
  note(prompt: number, answer: number, id: string, ctx: StepContext): void {
    if (prompt < 0) return;
    const first = this.firstByPrompt.get(prompt);
    if (first === undefined) {
      this.firstByPrompt.set(prompt, { id, answer });
      return;
    }
    if (first.answer === answer) return;
    this.lines++;
    this.prompts.add(prompt);
    ctx.count('conflicting_answers');
    if (this.examples.length < EXAMPLES) this.examples.push({ id, same_prompt_as: first.id });
  }

  /** Reports the conflicts in the manifest and warns once. */
  finish(ctx: StepContext): void {
    if (this.lines === 0) return;
    ctx.report('conflicting_answers', { prompts: this.prompts.size, lines: this.lines, examples: this.examples });
    const first = this.examples[0]!;
    ctx.logger.warn(
      `${ctx.step}: ${this.lines} line${this.lines === 1 ? '' : 's'} ask${this.lines === 1 ? 's' : ''} the prompt of an earlier line with another answer ` +
        `(${this.prompts.size} prompt${this.prompts.size === 1 ? '' : 's'}; the first: \`${first.id}\` asks what \`${first.same_prompt_as}\` asks): ` +
        'a model trained on both picks one at random; `key: prompt` keeps the first answer only',
    );
  }
}

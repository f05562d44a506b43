import { hash } from 'node:crypto';
import type { TrainingFormat } from '../training-line.js';

const MAX_PAIRS = 20;

/** A line and the earlier line it repeats. */
export type LinePair = [line: number, first: number];

export interface RepeatedPrompts {
  /** Lines equal to an earlier line (same prompt, same answer): trained on twice. */
  repeated_examples: number;
  repeated_example_lines: LinePair[];
  /** Lines that ask an earlier line's prompt, as written, with another answer. */
  conflicting_answers: number;
  conflicting_answer_lines: LinePair[];
}

/** 48 bits of SHA-1: no false match in any file a person inspects, 16 bytes of key instead of a string. */
const key = (text: string) => hash('sha1', text, 'buffer').readUIntBE(0, 6);

/**
 * The prompt (everything the model is given: messages but the assistant's, tools, functions), the answer and the
 * whole of a training line, each as canonical JSON; undefined for a line that has no answer. A preference line's
 * answer is its preferred output: the same prompt and preferred output over another rejected one is another pair.
 */
function promptAndAnswer(
  value: unknown,
  format: TrainingFormat,
): [prompt: string, answer: string, whole: string] | undefined {
  const line = value as Record<string, unknown>;
  if (format === 'completion') return withWhole(JSON.stringify(line.prompt), JSON.stringify(line.completion));
  if (format === 'preference') {
    const prompt = JSON.stringify(line.input);
    const answer = JSON.stringify(line.preferred_output);
    return [prompt, answer, `${prompt}\n${answer}\n${JSON.stringify(line.non_preferred_output)}`];
  }
  if (!Array.isArray(line.messages)) return undefined;
  const isAnswer = (m: unknown) => (m as { role?: unknown } | null)?.role === 'assistant';
  const answers = line.messages.filter(isAnswer);
  if (answers.length === 0) return undefined;
  const prompt = [line.messages.filter((m) => !isAnswer(m)), line.tools ?? null, line.functions ?? null];
  return withWhole(JSON.stringify(prompt), JSON.stringify(answers));
}

const withWhole = (prompt: string, answer: string): [string, string, string] => [
  prompt,
  answer,
  `${prompt}\n${answer}`,
];

/** Finds repeated lines and prompts asked again with another answer, as a file streams past. */
export class RepeatedPromptWatch {
  /** Key → the first line with it: of the whole line, and of its prompt (with the key of that line's answer). */
  private readonly examples = new Map<number, number>();
  private readonly prompts = new Map<number, { line: number; answer: number }>();
  private readonly result: RepeatedPrompts = {
    repeated_examples: 0,
    repeated_example_lines: [],
    conflicting_answers: 0,
    conflicting_answer_lines: [],
  };

  add(value: unknown, format: TrainingFormat, lineNumber: number): void {
    const parts = promptAndAnswer(value, format);
    if (!parts) return;
    const prompt = key(parts[0]);
    const example = key(parts[2]);
    const same = this.examples.get(example);
    if (same !== undefined) {
      this.result.repeated_examples += 1;
      if (this.result.repeated_example_lines.length < MAX_PAIRS)
        this.result.repeated_example_lines.push([lineNumber, same]);
      return;
    }
    this.examples.set(example, lineNumber);
    const answer = key(parts[1]);
    const asked = this.prompts.get(prompt);
    if (asked === undefined) {
      this.prompts.set(prompt, { line: lineNumber, answer });
      return;
    }
    if (asked.answer === answer) return;
    this.result.conflicting_answers += 1;
    if (this.result.conflicting_answer_lines.length < MAX_PAIRS)
      this.result.conflicting_answer_lines.push([lineNumber, asked.line]);
  }

  report(): RepeatedPrompts {
    return this.result;
  }
}

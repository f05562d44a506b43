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
 * The prompt (everything the model is given: messages but the assistant's, tools, functions) and the answer of a
 * training line, each as canonical JSON; undefined for a line that has no answer.
 */
function promptAndAnswer(value: unknown, format: TrainingFormat): [string, string] | undefined {
  const line = value as Record<string, unknown>;
  if (format === 'completion') return [JSON.stringify(line.prompt), JSON.stringify(line.completion)];
  if (format === 'preference') {
    return [JSON.stringify(line.input), JSON.stringify([line.preferred_output, line.non_preferred_output])];
  }
  if (!Array.isArray(line.messages)) return undefined;
  const isAnswer = (m: unknown) => (m as { role?: unknown } | null)?.role === 'assistant';
  const answers = line.messages.filter(isAnswer);
  if (answers.length === 0) return undefined;
  const prompt = [line.messages.filter((m) => !isAnswer(m)), line.tools ?? null, line.functions ?? null];
  return [JSON.stringify(prompt), JSON.stringify(answers)];
}

/** Finds repeated lines and prompts asked again with another answer, as a file streams past. */
export class RepeatedPromptWatch {
  /** Key → the first line with it: of the whole line, and of its prompt. */
  private readonly examples = new Map<number, number>();
  private readonly prompts = new Map<number, number>();
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
    const example = key(`${parts[0]}\n${parts[1]}`);
    const same = this.examples.get(example);
    if (same !== undefined) {
      this.result.repeated_examples += 1;
      if (this.result.repeated_example_lines.length < MAX_PAIRS)
        this.result.repeated_example_lines.push([lineNumber, same]);
      return;
    }
    this.examples.set(example, lineNumber);
    const asked = this.prompts.get(prompt);
    if (asked === undefined) {
      this.prompts.set(prompt, lineNumber);
      return;
    }
    this.result.conflicting_answers += 1;
    if (this.result.conflicting_answer_lines.length < MAX_PAIRS)
      this.result.conflicting_answer_lines.push([lineNumber, asked]);
  }

  report(): RepeatedPrompts {
    return this.result;
  }
}

import type { TrainingFormat } from '../training-line.js';
import { detectFormat } from './detect-format.js';
import { type FormatProblem, formatProblem } from './problem-codes.js';
import { validateChatLine } from './validate-chat.js';
import { validateCompletionLine } from './validate-completion.js';
import { validatePreferenceLine } from './validate-preference.js';

export interface ValidateLineOptions {
  /** The format the file is in (e.g. that of its first line); a line of another format is a `format_mismatch`. */
  format?: TrainingFormat;
}

/** All format problems of one parsed training line; empty when the line is valid. Pure and allocation-light. */
export function validateLine(value: unknown, options: ValidateLineOptions = {}): FormatProblem[] {
  const problems: FormatProblem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(formatProblem('data_type', `the line is ${describe(value)}, not a JSON object`));
    return problems;
  }
  const line = value as Record<string, unknown>;
  const format = detectFormat(line);
  if (options.format && format !== 'unknown' && format !== options.format) {
    problems.push(formatProblem('format_mismatch', `a ${format} line in a ${options.format} file`));
  }
  if (format === 'chat') validateChatLine(line, problems);
  else if (format === 'preference') validatePreferenceLine(line, problems);
  else if (format === 'completion') validateCompletionLine(line, problems);
  else
    problems.push(
      formatProblem(
        'missing_messages_list',
        'the line has no "messages" list (nor "input"/"preferred_output", nor "prompt"/"completion")',
        { key: 'messages' },
      ),
    );
  return problems;
}

export interface ParsedLine {
  value?: unknown;
  problems: FormatProblem[];
}

/** Parses one JSONL line and validates it; a line that is not JSON gives `invalid_json`. */
export function validateJsonLine(text: string, options: ValidateLineOptions = {}): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problems: [formatProblem('invalid_json', `not valid JSON: ${(error as Error).message}`)] };
  }
  return { value, problems: validateLine(value, options) };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

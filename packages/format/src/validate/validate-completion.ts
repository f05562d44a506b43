import { type FormatProblem, formatProblem } from './problem-codes.js';
import { findSpecialToken, hasUnpairedSurrogate } from './special-tokens.js';

type Json = Record<string, unknown>;

/** Checks a legacy `{prompt, completion}` line (babbage-002, davinci-002). */
export function validateCompletionLine(line: Json, problems: FormatProblem[]): void {
  for (const key of Object.keys(line)) {
    if (key !== 'prompt' && key !== 'completion') {
      problems.push(
        formatProblem('completion_unrecognized_key', `unrecognized key "${key}"; only "prompt" and "completion"`, {
          key,
        }),
      );
    }
  }
  for (const key of ['prompt', 'completion'] as const) {
    const value = line[key];
    if (typeof value !== 'string') {
      problems.push(formatProblem('completion_not_string', `"${key}" is missing or not a string`, { key }));
      continue;
    }
    if (key === 'completion' && value.length === 0)
      problems.push(formatProblem('empty_completion', '"completion" is empty', { key }));
    const token = findSpecialToken(value);
    if (token)
      problems.push(formatProblem('special_token_in_text', `"${key}" contains the special token ${token}`, { key }));
    if (hasUnpairedSurrogate(value))
      problems.push(
        formatProblem('unpaired_surrogate', `"${key}" contains half of a character (an unpaired surrogate)`, { key }),
      );
  }
}

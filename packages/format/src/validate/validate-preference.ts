import { type FormatProblem, formatProblem } from './problem-codes.js';
import { validateChatLine } from './validate-chat.js';
import { validateMessage } from './validate-message.js';

type Json = Record<string, unknown>;

const OUTPUT_KEYS = ['preferred_output', 'non_preferred_output'] as const;

/** Checks a preference (DPO) line: `{input: {messages, …}, preferred_output: [msg], non_preferred_output: [msg]}`. */
export function validatePreferenceLine(line: Json, problems: FormatProblem[]): void {
  if ('preferred_completion' in line || 'non_preferred_completion' in line) {
    problems.push(
      formatProblem(
        'preference_completion_keys',
        'use "preferred_output"/"non_preferred_output", not "*_completion" (the service rejects the latter)',
        { key: 'preferred_completion' },
      ),
    );
  }
  const input = line.input;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.push(
      formatProblem('missing_messages_list', 'the preference line has no "input" object with "messages"', {
        key: 'input',
      }),
    );
  } else {
    const messages = validateChatLine(input as Json, problems, false);
    const last = messages?.[messages.length - 1];
    if (messages && (typeof last !== 'object' || last === null || (last as Json).role !== 'user')) {
      problems.push(
        formatProblem('preference_invalid_input', '"input.messages" must end with a user message', {
          messageIndex: messages.length - 1,
          key: 'input',
        }),
      );
    }
  }
  for (const key of OUTPUT_KEYS) checkOutput(line, key, problems);
}

function checkOutput(line: Json, key: (typeof OUTPUT_KEYS)[number], problems: FormatProblem[]): void {
  const completionKey = key.replace('_output', '_completion');
  if (!(key in line)) {
    if (!(completionKey in line))
      problems.push(formatProblem('preference_missing_output', `the preference line has no "${key}"`, { key }));
    return;
  }
  const output = line[key];
  const message = Array.isArray(output) && output.length === 1 ? output[0] : undefined;
  const isAssistantText =
    typeof message === 'object' &&
    message !== null &&
    (message as Json).role === 'assistant' &&
    typeof (message as Json).content === 'string';
  if (!isAssistantText) {
    problems.push(
      formatProblem(
        'preference_invalid_output',
        `"${key}" must be a list of exactly one assistant message with text content`,
        { key },
      ),
    );
    return;
  }
  const own: FormatProblem[] = [];
  validateMessage(message, 0, { images: 0 }, own);
  for (const problem of own) problems.push({ ...problem, key: problem.key ? `${key}.${problem.key}` : key });
}

import { type FormatProblem, formatProblem } from './problem-codes.js';
import { type MessageScope, validateMessage } from './validate-message.js';

export const MAX_IMAGES_PER_EXAMPLE = 10;
const MAX_FUNCTIONS = 128;

type Json = Record<string, unknown>;

/**
 * Checks a chat line (`{messages, tools?, functions?, parallel_tool_calls?}`), or the `input` of a preference
 * line when `requireAssistant` is false. Appends problems; returns the messages when the list is usable.
 */
export function validateChatLine(
  line: Json,
  problems: FormatProblem[],
  requireAssistant = true,
): unknown[] | undefined {
  const { messages } = line;
  if (!Array.isArray(messages) || messages.length === 0) {
    problems.push(
      formatProblem('missing_messages_list', 'the line has no non-empty "messages" list', { key: 'messages' }),
    );
    return undefined;
  }
  const scope: MessageScope = { images: 0 };
  for (let i = 0; i < messages.length; i++) validateMessage(messages[i], i, scope, problems);
  checkTools(line, problems);
  if (scope.images > MAX_IMAGES_PER_EXAMPLE) {
    problems.push(
      formatProblem('too_many_images', `the example has ${scope.images} images; at most ${MAX_IMAGES_PER_EXAMPLE}`, {
        key: 'messages',
      }),
    );
  }
  if (requireAssistant) checkAssistant(messages, problems);
  return messages;
}

function checkAssistant(messages: unknown[], problems: FormatProblem[]): void {
  let assistants = 0;
  let trainable = 0;
  for (const m of messages) {
    if (typeof m !== 'object' || m === null || (m as Json).role !== 'assistant') continue;
    assistants++;
    if ((m as Json).weight !== 0) trainable++;
  }
  if (assistants === 0) {
    problems.push(formatProblem('example_missing_assistant_message', 'the example has no assistant message'));
  } else if (trainable === 0) {
    problems.push(formatProblem('no_trainable_assistant_message', 'every assistant message has weight 0'));
  }
}

function checkTools(line: Json, problems: FormatProblem[]): void {
  if ('tools' in line && !(Array.isArray(line.tools) && line.tools.every(isToolDefinition))) {
    problems.push(
      formatProblem('invalid_tools', '"tools" must be a list of {type: "function", function: {name, …}}', {
        key: 'tools',
      }),
    );
  }
  if ('functions' in line) {
    const { functions } = line;
    const valid =
      Array.isArray(functions) &&
      functions.length >= 1 &&
      functions.length <= MAX_FUNCTIONS &&
      functions.every(hasName);
    if (!valid)
      problems.push(
        formatProblem('invalid_tools', `"functions" must be a list of 1 to ${MAX_FUNCTIONS} {name, …}`, {
          key: 'functions',
        }),
      );
  }
  if ('parallel_tool_calls' in line && typeof line.parallel_tool_calls !== 'boolean') {
    problems.push(
      formatProblem('invalid_tools', '"parallel_tool_calls" must be true or false', { key: 'parallel_tool_calls' }),
    );
  }
}

function isToolDefinition(tool: unknown): boolean {
  return (
    typeof tool === 'object' && tool !== null && (tool as Json).type === 'function' && hasName((tool as Json).function)
  );
}

function hasName(fn: unknown): boolean {
  return (
    typeof fn === 'object' &&
    fn !== null &&
    typeof (fn as Json).name === 'string' &&
    ((fn as Json).name as string).length > 0
  );
}

import { type FormatProblem, formatProblem } from './problem-codes.js';
import { findSpecialToken, hasUnpairedSurrogate } from './special-tokens.js';

const ALLOWED_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  system: new Set(['role', 'content', 'name']),
  user: new Set(['role', 'content', 'name']),
  assistant: new Set(['role', 'content', 'name', 'weight', 'tool_calls', 'function_call', 'refusal']),
  tool: new Set(['role', 'content', 'tool_call_id']),
  function: new Set(['role', 'content', 'name']),
};
/** Content-part types each role may use; tool and function messages take strings only. */
const PART_TYPES: Readonly<Record<string, ReadonlySet<string>>> = {
  system: new Set(['text']),
  user: new Set(['text', 'image_url']),
  assistant: new Set(['text', 'refusal']),
};

/** State shared by the messages of one example. */
export interface MessageScope {
  /** Made on the first tool call: most examples have none. */
  toolCallIds?: Set<string>;
  images: number;
}

type Json = Record<string, unknown>;

const hasOwn = Object.prototype.hasOwnProperty;

/** Checks one message; appends its problems to `problems`. */
export function validateMessage(message: unknown, index: number, scope: MessageScope, problems: FormatProblem[]): void {
  const at = (key?: string) => (key === undefined ? { messageIndex: index } : { messageIndex: index, key });
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    problems.push(formatProblem('data_type', `message ${index} is not an object`, at()));
    return;
  }
  const msg = message as Json;
  const { role } = msg;
  if (!('role' in msg)) {
    problems.push(formatProblem('message_missing_key', `message ${index} has no "role"`, at('role')));
    return;
  }
  const allowed = typeof role === 'string' ? ALLOWED_KEYS[role] : undefined;
  if (typeof role !== 'string' || !allowed) {
    problems.push(
      formatProblem(
        'unrecognized_role',
        `message ${index} has an unrecognized role ${JSON.stringify(role)}`,
        at('role'),
      ),
    );
    return;
  }
  // for-in with hasOwnProperty reads V8's enum cache; Object.keys would allocate an array per message.
  for (const key in msg) {
    if (!hasOwn.call(msg, key) || allowed.has(key)) continue;
    if (key === 'weight')
      problems.push(
        formatProblem(
          'weight_not_on_assistant',
          `message ${index} (${role}) has a "weight"; only assistant messages may`,
          at(key),
        ),
      );
    else
      problems.push(
        formatProblem(
          'message_unrecognized_key',
          `message ${index} (${role}) has an unrecognized key "${key}"`,
          at(key),
        ),
      );
  }
  checkContent(msg, role, index, scope, problems);
  if ('weight' in msg && role === 'assistant' && msg.weight !== 0 && msg.weight !== 1) {
    problems.push(
      formatProblem(
        'invalid_weight',
        `message ${index} has weight ${JSON.stringify(msg.weight)}; only 0 or 1`,
        at('weight'),
      ),
    );
  }
  if ('name' in msg && (typeof msg.name !== 'string' || msg.name.length === 0)) {
    problems.push(
      formatProblem('invalid_name', `message ${index} has a "name" that is not a non-empty string`, at('name')),
    );
  }
  if (role === 'function' && !('name' in msg)) {
    problems.push(formatProblem('message_missing_key', `function message ${index} has no "name"`, at('name')));
  }
  if (role === 'assistant') checkCalls(msg, index, scope, problems);
  if (role === 'tool') checkToolAnswer(msg, index, scope, problems);
}

function checkContent(msg: Json, role: string, index: number, scope: MessageScope, problems: FormatProblem[]): void {
  const at = { messageIndex: index, key: 'content' };
  const hasCall = role === 'assistant' && (msg.tool_calls !== undefined || msg.function_call !== undefined);
  const { content } = msg;
  if (!('content' in msg)) {
    if (!hasCall)
      problems.push(formatProblem('message_missing_key', `message ${index} (${role}) has no "content"`, at));
    return;
  }
  if (content === null || content === '' || (Array.isArray(content) && content.length === 0)) {
    if (!hasCall) problems.push(formatProblem('missing_content', `message ${index} (${role}) has empty content`, at));
    return;
  }
  if (typeof content === 'string') {
    checkText(content, index, problems);
    return;
  }
  const partTypes = PART_TYPES[role];
  if (!Array.isArray(content) || !partTypes) {
    problems.push(formatProblem('invalid_content_type', `message ${index} (${role}) content must be a string`, at));
    return;
  }
  for (const part of content) {
    const type = typeof part === 'object' && part !== null ? (part as Json).type : undefined;
    if (typeof type !== 'string' || !partTypes.has(type)) {
      problems.push(
        formatProblem(
          'invalid_content_type',
          `message ${index} (${role}) has a content part of type ${JSON.stringify(type)}; allowed: ${[...partTypes].join(', ')}`,
          at,
        ),
      );
      return;
    }
    const text = (part as Json)[type === 'refusal' ? 'refusal' : 'text'];
    if (type === 'image_url') scope.images += 1;
    else if (typeof text === 'string') checkText(text, index, problems);
    else
      problems.push(
        formatProblem('invalid_content_type', `message ${index} (${role}) has a ${type} part without text`, at),
      );
  }
}

function checkText(text: string, index: number, problems: FormatProblem[]): void {
  const at = { messageIndex: index, key: 'content' };
  const token = findSpecialToken(text);
  if (token)
    problems.push(formatProblem('special_token_in_text', `message ${index} contains the special token ${token}`, at));
  if (hasUnpairedSurrogate(text))
    problems.push(
      formatProblem('unpaired_surrogate', `message ${index} contains half of a character (an unpaired surrogate)`, at),
    );
}

function checkCalls(msg: Json, index: number, scope: MessageScope, problems: FormatProblem[]): void {
  if ('tool_calls' in msg) {
    const calls = msg.tool_calls;
    const valid = Array.isArray(calls) && calls.length > 0 && calls.every(isToolCall);
    if (!valid) {
      problems.push(
        formatProblem(
          'invalid_tool_calls',
          `message ${index} has malformed "tool_calls" (need {id, type: "function", function: {name, arguments: string}})`,
          { messageIndex: index, key: 'tool_calls' },
        ),
      );
    } else {
      scope.toolCallIds ??= new Set();
      for (const call of calls as Json[]) scope.toolCallIds.add(call.id as string);
    }
  }
  if ('function_call' in msg && !isFunctionCall(msg.function_call)) {
    problems.push(
      formatProblem(
        'invalid_tool_calls',
        `message ${index} has a malformed "function_call" (need {name, arguments: string})`,
        { messageIndex: index, key: 'function_call' },
      ),
    );
  }
}

function checkToolAnswer(msg: Json, index: number, scope: MessageScope, problems: FormatProblem[]): void {
  const id = msg.tool_call_id;
  if (typeof id !== 'string' || id.length === 0) {
    problems.push(
      formatProblem('message_missing_key', `tool message ${index} has no "tool_call_id"`, {
        messageIndex: index,
        key: 'tool_call_id',
      }),
    );
  } else if (!scope.toolCallIds?.has(id)) {
    problems.push(
      formatProblem(
        'unknown_tool_call_id',
        `tool message ${index} answers "${id}", which no earlier assistant tool call made`,
        { messageIndex: index, key: 'tool_call_id' },
      ),
    );
  }
}

function isToolCall(call: unknown): boolean {
  if (typeof call !== 'object' || call === null) return false;
  const { id, type, function: fn } = call as Json;
  return typeof id === 'string' && type === 'function' && isFunctionCall(fn);
}

function isFunctionCall(fn: unknown): boolean {
  if (typeof fn !== 'object' || fn === null) return false;
  const { name, arguments: args } = fn as Json;
  return typeof name === 'string' && name.length > 0 && typeof args === 'string';
}

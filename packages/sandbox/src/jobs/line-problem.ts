const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

/**
 * The first problem of one training line, phrased like the service ("message 2, key \"content\": …"), or undefined.
 * Covers chat, preference and prompt/completion lines.
 */
export function firstLineProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'the example is not a JSON object.';
  if ('messages' in value) return messagesProblem(value.messages, true);
  if (isObject(value.input)) {
    const inputProblem = messagesProblem(value.input.messages, false);
    if (inputProblem) return `key "input": ${inputProblem}`;
    for (const key of ['preferred_output', 'non_preferred_output']) {
      const output = value[key];
      if (!Array.isArray(output) || output.length !== 1 || !isObject(output[0]) || output[0].role !== 'assistant') {
        return `key "${key}": expected a list with one assistant message.`;
      }
    }
    return undefined;
  }
  if ('prompt' in value || 'completion' in value) {
    if (typeof value.prompt !== 'string') return 'key "prompt": Input should be a valid string';
    if (typeof value.completion !== 'string') return 'key "completion": Input should be a valid string';
    return undefined;
  }
  return 'key "messages": Field required';
}

function messagesProblem(messages: unknown, needsAssistant: boolean): string | undefined {
  if (!Array.isArray(messages) || messages.length === 0)
    return 'key "messages": expected a non-empty list of messages.';
  let hasAssistant = false;
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    const where = `message ${i + 1}`;
    if (!isObject(message)) return `${where}: expected an object.`;
    if (typeof message.role !== 'string' || !ROLES.has(message.role)) {
      return `${where}, key "role": Input should be 'system', 'user', 'assistant', 'tool' or 'function'`;
    }
    if (message.role === 'assistant') {
      hasAssistant = true;
      if (message.weight !== undefined && message.weight !== 0 && message.weight !== 1) {
        return `${where}, key "weight": Input should be 0 or 1`;
      }
      const hasCall = message.tool_calls !== undefined || message.function_call !== undefined;
      if (!hasCall && typeof message.content !== 'string')
        return `${where}, key "content": Input should be a valid string`;
    } else if (message.role === 'tool' || message.role === 'function') {
      if (typeof message.content !== 'string') return `${where}, key "content": Input should be a valid string`;
    } else if (typeof message.content !== 'string' && !Array.isArray(message.content)) {
      return `${where}, key "content": Input should be a valid string`;
    }
  }
  if (needsAssistant && !hasAssistant) return 'the example has no assistant message.';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

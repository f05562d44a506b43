import { REPLY_PRIMING_TOKENS, TOKENS_PER_MESSAGE, type TokenCounter } from '@tunekit/format/tokens';

/**
 * A plain chat line (only `messages`, each with string `role` and `content`) as its strings only:
 * `[role, content, role, content, …]`. Copying these to a worker thread costs far less than the record's objects.
 * Anything else (tools, names, content parts, other shapes) is `undefined`: the worker counts the line itself.
 */
export function chatStrings(line: unknown): string[] | undefined {
  if (typeof line !== 'object' || line === null) return undefined;
  const { messages, tools, functions } = line as Record<string, unknown>;
  if (!Array.isArray(messages) || Array.isArray(tools) || Array.isArray(functions)) return undefined;
  const strings = new Array<string>(messages.length * 2);
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as Record<string, unknown> | null;
    if (typeof message !== 'object' || message === null) return undefined;
    const { role, content } = message;
    if (typeof role !== 'string' || typeof content !== 'string') return undefined;
    for (const key in message) if (key !== 'role' && key !== 'content') return undefined;
    strings[i * 2] = role;
    strings[i * 2 + 1] = content;
  }
  return strings;
}

/** `countExampleTokens` of the line `chatStrings` flattened (the same chat formula, restricted to that shape). */
export function countChatStrings(
  strings: readonly string[],
  counter: TokenCounter,
): { total: number; assistant: number; messages: number } {
  let total = REPLY_PRIMING_TOKENS;
  let assistant = 0;
  for (let i = 0; i < strings.length; i += 2) {
    const role = strings[i]!;
    const content = strings[i + 1]!;
    // System prompts repeat across the dataset: remembered, like the full counter does.
    const tokens = role === 'system' ? counter.countCached(content) : counter.count(content);
    total += TOKENS_PER_MESSAGE + counter.countCached(role) + tokens;
    if (role === 'assistant') assistant += tokens;
  }
  return { total, assistant, messages: strings.length / 2 };
}

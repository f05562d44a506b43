import type { EvalItem } from '@tunekit/core';

/** Why a line is not an item, and the field of the line that says so. */
export interface ItemProblem {
  problem: string;
  field: string;
}

export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (typeof part === 'object' && part !== null && 'text' in part ? String(part.text) : ''))
      .join('');
  }
  return '';
}

/** An item's prompt is everything before its last assistant message; the reference is that message. */
export function chatLineToItem(line: unknown, id: string): EvalItem | ItemProblem {
  const messages = (line as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return { problem: 'a chat line needs a "messages" array', field: 'messages' };
  for (const [i, m] of messages.entries()) {
    if (typeof m !== 'object' || m === null || typeof (m as { role?: unknown }).role !== 'string')
      return { problem: `messages[${i}] must be an object with a string "role"`, field: `messages[${i}]` };
    const content = (m as { content?: unknown }).content;
    if (content !== undefined && content !== null && typeof content !== 'string' && !Array.isArray(content))
      return { problem: `messages[${i}].content must be a string or a list of parts`, field: `messages[${i}].content` };
  }
  const chat = messages as { role: string; content?: unknown }[];
  const last = chat.findLastIndex((m) => m.role === 'assistant');
  if (last < 0) return { problem: 'the example has no assistant message to use as the reference', field: 'messages' };
  if (chat[last]?.content === undefined || chat[last]?.content === null)
    return {
      problem: `messages[${last}].content: the reference (last assistant message) has no text`,
      field: `messages[${last}].content`,
    };
  const prompt = chat.slice(0, last).map((m) => ({ role: m.role, content: m.content }));
  if (!prompt.some((m) => m.role === 'user'))
    return { problem: 'the example has no user message before its last assistant message', field: 'messages' };
  return { id, messages: prompt, reference: contentText(chat[last]?.content) };
}

/** The last user message of an item, as text. */
export function lastUserText(item: EvalItem): string {
  for (let i = item.messages.length - 1; i >= 0; i--) {
    const m = item.messages[i];
    if (m?.role === 'user') return contentText(m.content);
  }
  return '';
}

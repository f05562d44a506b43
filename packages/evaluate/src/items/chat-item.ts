import type { EvalItem } from '@tunekit/core';

interface ChatLine {
  messages?: { role?: unknown; content?: unknown }[];
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
export function chatLineToItem(line: unknown, id: string): EvalItem | string {
  const messages = (line as ChatLine | null)?.messages;
  if (!Array.isArray(messages)) return 'a chat line needs a "messages" array';
  let last = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]?.role === 'assistant') {
      last = i;
      break;
    }
  }
  if (last < 0) return 'the example has no assistant message to use as the reference';
  const prompt = messages.slice(0, last).map((m) => ({ role: String(m.role), content: m.content }));
  if (!prompt.some((m) => m.role === 'user'))
    return 'the example has no user message before its last assistant message';
  return { id, messages: prompt, reference: contentText(messages[last]?.content) };
}

/** The last user message of an item, as text. */
export function lastUserText(item: EvalItem): string {
  for (let i = item.messages.length - 1; i >= 0; i--) {
    const m = item.messages[i];
    if (m?.role === 'user') return contentText(m.content);
  }
  return '';
}

export interface ChatMessage {
  role: string;
  content: string;
}

/** Text of a message's `content`: a string, or the `text` parts of a content array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string') {
      text += (text ? '\n' : '') + (part as { text: string }).text;
    }
  }
  return text;
}

/** Roles and texts of request messages; anything that is not a message object is skipped. */
export function toChatMessages(messages: unknown[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const message of messages) {
    if (typeof message !== 'object' || message === null) continue;
    const { role, content } = message as { role?: unknown; content?: unknown };
    out.push({ role: typeof role === 'string' ? role : '', content: contentText(content) });
  }
  return out;
}

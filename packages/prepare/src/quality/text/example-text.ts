/** Which part of a training line a comparison looks at. */
export type TextKey = 'example' | 'prompt' | 'user';

interface MessageLike {
  role?: unknown;
  content?: unknown;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (part && typeof part === 'object' && typeof part.text === 'string' ? part.text : ''))
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

function messagesOf(value: unknown): MessageLike[] {
  return Array.isArray(value) ? (value.filter((m) => m && typeof m === 'object') as MessageLike[]) : [];
}

function messageParts(messages: MessageLike[], include: (role: string) => boolean): string[] {
  const parts: string[] = [];
  for (const message of messages) {
    const role = typeof message.role === 'string' ? message.role : '';
    if (!include(role)) continue;
    const text = contentText(message.content);
    if (text) parts.push(text);
  }
  return parts;
}

function joinMessages(messages: MessageLike[], include: (role: string) => boolean): string {
  return messageParts(messages, include).join('\n');
}

/**
 * `exampleText` before its parts are joined by line breaks: for a chat line, its messages' texts (sent to a worker
 * thread as they are, the thread joins them, so the calling thread copies no text); any other line in one part.
 */
export function exampleParts(data: unknown, key: TextKey): string[] {
  const messages = data && typeof data === 'object' ? (data as Record<string, unknown>).messages : undefined;
  if (!Array.isArray(messages)) return [exampleText(data, key)];
  // One pass, one array: this runs for every record on the calling thread.
  const parts: string[] = [];
  for (const message of messages as MessageLike[]) {
    if (!message || typeof message !== 'object') continue;
    const role = typeof message.role === 'string' ? message.role : '';
    if (key !== 'example' && (role === 'assistant' || (key === 'user' && role === 'system'))) continue;
    const text = contentText(message.content);
    if (text) parts.push(text);
  }
  return parts;
}

/** A chat line's parts (`exampleParts(data, 'example')`) and which of them are assistant answers (bit i: part i). */
export interface MarkedParts {
  parts: string[];
  /** 0 when the line has no answer, or more parts than a mask holds: then it is not checked for conflicts. */
  answers: number;
}

const MASK_PARTS = 31;

/**
 * `exampleParts(data, 'example')`, with the answers marked for a chat line so a worker thread can key its prompt
 * (the conflicting-answers check of dedupe); other lines as `exampleParts` gives them.
 */
export function markedExampleParts(data: unknown): MarkedParts | string[] {
  const messages = data && typeof data === 'object' ? (data as Record<string, unknown>).messages : undefined;
  if (!Array.isArray(messages)) return [exampleText(data, 'example')];
  const parts: string[] = [];
  let answers = 0;
  for (const message of messages as MessageLike[]) {
    if (!message || typeof message !== 'object') continue;
    const text = contentText(message.content);
    if (!text) continue;
    if (message.role === 'assistant' && parts.length < MASK_PARTS) answers |= 1 << parts.length;
    parts.push(text);
  }
  return { parts, answers: parts.length > MASK_PARTS ? 0 : answers };
}

const PROMPT_FIELDS = ['prompt', 'question', 'input', 'instruction', 'query', 'text'];

/**
 * The text of a training line (chat, preference/DPO, prompt/completion) or of an evaluation item.
 * `example`: every message; `prompt`: everything the model is given (system included); `user`: the user and tool
 * side only, without the system prompt that all lines share (used for contamination checks).
 */
export function exampleText(data: unknown, key: TextKey): string {
  if (typeof data === 'string') return data;
  if (!data || typeof data !== 'object') return '';
  const line = data as Record<string, unknown>;
  const isPrompt = (role: string) => role !== 'assistant' && (key !== 'user' || role !== 'system');
  if (Array.isArray(line.messages)) {
    return joinMessages(messagesOf(line.messages), key === 'example' ? () => true : isPrompt);
  }
  if (line.input && typeof line.input === 'object' && Array.isArray((line.input as Record<string, unknown>).messages)) {
    const prompt = joinMessages(messagesOf((line.input as Record<string, unknown>).messages), isPrompt);
    if (key !== 'example') return prompt;
    const preferred = joinMessages(messagesOf(line.preferred_output), () => true);
    return preferred ? `${prompt}\n${preferred}` : prompt;
  }
  if (typeof line.prompt === 'string' && typeof line.completion === 'string') {
    return key === 'example' ? `${line.prompt}\n${line.completion}` : line.prompt;
  }
  for (const field of PROMPT_FIELDS) {
    const value = line[field];
    if (typeof value === 'string') return value;
  }
  return Object.values(line)
    .filter((value): value is string => typeof value === 'string')
    .join('\n');
}

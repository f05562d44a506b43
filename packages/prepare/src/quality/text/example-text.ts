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

/**
 * A chat line's `tools` and `functions` as JSON, or undefined when it has neither: the same conversation with other
 * tools is another example (the model learns which tool to call from them), so dedupe keys it apart.
 */
export function toolsContext(data: unknown): string | undefined {
  const line = data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
  if (!Array.isArray(line?.messages) || (line.tools === undefined && line.functions === undefined)) return undefined;
  return JSON.stringify([line.tools ?? null, line.functions ?? null]);
}

/** A line's parts (`exampleParts`) with its tools (`toolsContext`), when it has some. */
export interface ContextParts {
  parts: string[];
  context: string;
}

/** `exampleParts`, carrying the line's tools along when the key compares prompts (`example`, `prompt`). */
export function exampleItem(data: unknown, key: TextKey): string[] | ContextParts {
  const parts = exampleParts(data, key);
  const context = key === 'user' ? undefined : toolsContext(data);
  return context === undefined ? parts : { parts, context };
}

/**
 * A training line's parts (joined by line breaks: `exampleText(data, 'example')`) and which of them are its answer
 * (bit i: part i): a chat line's assistant messages, a preference line's preferred output, a completion.
 */
export interface MarkedParts {
  parts: string[];
  /** 0 when the line has no answer, or more parts than a mask holds: then it is not checked for conflicts. */
  answers: number;
  /** Parts neither prompt nor answer: a preference line's rejected output. */
  others?: number;
  /** Prompt that is not text of the line: a chat line's `tools` and `functions` as JSON. */
  context?: string;
}

const MASK_PARTS = 31;

function marked(parts: string[], answers: number, others = 0): MarkedParts {
  return parts.length > MASK_PARTS ? { parts, answers: 0 } : { parts, answers, others };
}

/** Adds each text to `parts`, returning the mask of the parts it added. */
function addAll(parts: string[], texts: string[]): number {
  let mask = 0;
  for (const text of texts) {
    if (parts.length < MASK_PARTS) mask |= 1 << parts.length;
    parts.push(text);
  }
  return mask;
}

/**
 * `exampleParts(data, 'example')` split into prompt, answer and other parts, so a worker thread can key a line's
 * prompt and answer (the conflicting-answers check of dedupe); any other line as `exampleParts` gives it.
 */
export function markedExampleParts(data: unknown): MarkedParts | string[] {
  const line = data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
  const messages = line?.messages;
  if (Array.isArray(messages)) {
    const parts: string[] = [];
    let answers = 0;
    for (const message of messages as MessageLike[]) {
      if (!message || typeof message !== 'object') continue;
      const text = contentText(message.content);
      if (!text) continue;
      if (message.role === 'assistant' && parts.length < MASK_PARTS) answers |= 1 << parts.length;
      parts.push(text);
    }
    const chat = marked(parts, answers);
    // Other tools make another prompt, as inspect keys it.
    const context = toolsContext(line);
    if (context !== undefined) chat.context = context;
    return chat;
  }
  const input = preferenceInput(line);
  if (line && input) {
    const parts = messageParts(input, isPromptRole);
    const answers = addAll(
      parts,
      messageParts(messagesOf(line.preferred_output), () => true),
    );
    const others = addAll(
      parts,
      messageParts(messagesOf(line.non_preferred_output), () => true),
    );
    return marked(parts, answers, others);
  }
  if (line && typeof line.prompt === 'string' && typeof line.completion === 'string') {
    return marked([line.prompt, line.completion], 0b10);
  }
  return [exampleText(data, 'example')];
}

const isPromptRole = (role: string) => role !== 'assistant';

/** The prompt messages of a preference line, or undefined for another line. */
function preferenceInput(line: Record<string, unknown> | undefined): MessageLike[] | undefined {
  const input = line?.input;
  if (!input || typeof input !== 'object') return undefined;
  const messages = (input as Record<string, unknown>).messages;
  return Array.isArray(messages) ? messagesOf(messages) : undefined;
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
  const input = preferenceInput(line);
  if (input) {
    const prompt = joinMessages(input, isPrompt);
    if (key !== 'example') return prompt;
    // Both outputs: the same prompt and preferred output over another rejected one is another pair, not a duplicate.
    const outputs = [line.preferred_output, line.non_preferred_output].map((o) =>
      joinMessages(messagesOf(o), () => true),
    );
    return [prompt, ...outputs].filter(Boolean).join('\n');
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

/** The three training-line shapes of OpenAI fine-tuning files (reference/openai-fine-tuning.md §1). */

export type TrainingFormat = 'chat' | 'preference' | 'completion';

export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'low' | 'high' | 'auto' } }
  | { type: string; [key: string]: unknown };

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool' | 'function';
  content?: string | ContentPart[] | null;
  name?: string;
  /** Assistant only: 0 skips the message in training, 1 (default) trains on it. */
  weight?: 0 | 1;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  function_call?: { name: string; arguments: string };
}

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: JsonSchemaObject };
}

export interface JsonSchemaObject {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchemaObject & { enum?: unknown[] }>;
  [key: string]: unknown;
}

export interface ChatLine {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  functions?: Array<{ name: string; description?: string; parameters?: JsonSchemaObject }>;
  parallel_tool_calls?: boolean;
}

export interface PreferenceLine {
  input: ChatLine;
  preferred_output: ChatMessage[];
  non_preferred_output: ChatMessage[];
}

export interface CompletionLine {
  prompt: string;
  completion: string;
}

export type TrainingLine = ChatLine | PreferenceLine | CompletionLine;

import type { ExampleTokenCount } from '@tunekit/core';
import { countToolTokens } from './count-tools.js';
import type { TokenCounter } from './token-counter.js';

/** The chat formula of OpenAI's notebooks: 3 tokens per message, 1 per name, 3 to prime the reply. */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_NAME = 1;
export const REPLY_PRIMING_TOKENS = 3;
/** What a `detail: "low"` image costs; higher details depend on the image size, which a text file does not say. */
export const LOW_DETAIL_IMAGE_TOKENS = 85;

type Json = Record<string, unknown>;

/**
 * Counts one training line: chat (`messages`), preference/DPO (`input` + outputs) or prompt/completion.
 * Lines of no known shape count as zero.
 */
export function countExampleTokens(line: unknown, counter: TokenCounter): ExampleTokenCount {
  if (!isObject(line)) return { total: 0, assistant: 0, messages: 0 };
  if (Array.isArray(line.messages)) return countChat(line.messages, line, counter);
  if (isObject(line.input)) return countPreference(line, line.input, counter);
  if ('prompt' in line || 'completion' in line) {
    const completion = counter.count(asText(line.completion));
    return { total: counter.count(asText(line.prompt)) + completion, assistant: completion, messages: 0 };
  }
  return { total: 0, assistant: 0, messages: 0 };
}

function countChat(messages: unknown[], line: Json, counter: TokenCounter): ExampleTokenCount {
  let total = REPLY_PRIMING_TOKENS + countLineTools(line, counter);
  let assistant = 0;
  for (const message of messages) {
    const tokens = countMessage(message, counter);
    total += tokens.total;
    assistant += tokens.assistant;
  }
  return { total, assistant, messages: messages.length };
}

/**
 * DPO: the limit applies to the prompt with each output, so the total is the prompt plus the longer output;
 * `assistant` counts the preferred output.
 */
function countPreference(line: Json, input: Json, counter: TokenCounter): ExampleTokenCount {
  const prompt = countChat(Array.isArray(input.messages) ? input.messages : [], input, counter);
  const preferred = countOutputs(line.preferred_output ?? line.preferred_completion, counter);
  const rejected = countOutputs(line.non_preferred_output ?? line.non_preferred_completion, counter);
  return {
    total: prompt.total + Math.max(preferred.total, rejected.total),
    assistant: preferred.assistant,
    messages: prompt.messages + 1,
  };
}

function countOutputs(outputs: unknown, counter: TokenCounter): { total: number; assistant: number } {
  const list = Array.isArray(outputs) ? outputs : [];
  let total = 0;
  let assistant = 0;
  for (const message of list) {
    const tokens = countMessage(message, counter);
    total += tokens.total;
    assistant += tokens.assistant;
  }
  return { total, assistant };
}

function countLineTools(line: Json, counter: TokenCounter): number {
  const tools = Array.isArray(line.tools) ? line.tools.map((tool) => (isObject(tool) ? tool.function : undefined)) : [];
  const functions = Array.isArray(line.functions) ? line.functions : [];
  return countToolTokens([...tools, ...functions].filter(isObject), counter);
}

/**
 * Every key's value is encoded, as in the notebook (role included), plus 3 per message and 1 per name.
 * Where the notebook crashes on non-strings: `weight` is not text and counts 0; tool and function calls count
 * their name and arguments; content parts count their text and 85 per image.
 */
function countMessage(message: unknown, counter: TokenCounter): { total: number; assistant: number } {
  if (!isObject(message)) return { total: TOKENS_PER_MESSAGE, assistant: 0 };
  let total = TOKENS_PER_MESSAGE;
  let assistant = 0;
  const isSystem = message.role === 'system';
  for (const [key, value] of Object.entries(message)) {
    if (key === 'weight') continue;
    let tokens: number;
    if (key === 'content') {
      tokens = countContent(value, counter, isSystem);
      if (message.role === 'assistant') assistant += tokens;
    } else if (key === 'tool_calls') tokens = countToolCalls(value, counter);
    else if (key === 'function_call') tokens = countCall(value, counter);
    else tokens = counter.countCached(asText(value));
    total += tokens;
    if (key === 'name') total += TOKENS_PER_NAME;
  }
  return { total, assistant };
}

function countContent(content: unknown, counter: TokenCounter, repeats: boolean): number {
  if (typeof content === 'string') return repeats ? counter.countCached(content) : counter.count(content);
  if (!Array.isArray(content)) return 0;
  let tokens = 0;
  for (const part of content) {
    if (!isObject(part)) continue;
    if (typeof part.text === 'string') tokens += counter.count(part.text);
    else if (part.type === 'image_url') tokens += LOW_DETAIL_IMAGE_TOKENS;
  }
  return tokens;
}

function countToolCalls(calls: unknown, counter: TokenCounter): number {
  if (!Array.isArray(calls)) return 0;
  let tokens = 0;
  for (const call of calls) if (isObject(call)) tokens += countCall(call.function, counter);
  return tokens;
}

function countCall(call: unknown, counter: TokenCounter): number {
  if (!isObject(call)) return 0;
  return counter.countCached(asText(call.name)) + counter.count(asText(call.arguments));
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

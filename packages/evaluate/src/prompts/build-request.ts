import type { ChatMessage, ChatRequest, EvalItem } from '@tunekit/core';
import { contentText } from '../items/chat-item.js';
import type { CandidateOptions } from '../options.js';
import type { Shot } from './few-shot.js';
import { renderTemplate } from './render-template.js';

function withTemplate(messages: ChatMessage[], template: string, item: EvalItem): ChatMessage[] {
  const lastUser = messages.findLastIndex((m) => m.role === 'user');
  if (lastUser < 0) return messages;
  const fields = (item.meta?.fields ?? {}) as Record<string, unknown>;
  const input = contentText(messages[lastUser]?.content);
  const copy = [...messages];
  copy[lastUser] = { role: 'user', content: renderTemplate(template, { ...fields, input }) };
  return copy;
}

/** The messages a candidate sends for an item: its system prompt, few-shot turns and template applied. */
export function buildMessages(item: EvalItem, candidate: CandidateOptions, shots: readonly Shot[]): ChatMessage[] {
  const prompt = candidate.prompt;
  let messages = item.messages.map((m) => ({ role: m.role, content: m.content }) as ChatMessage);
  if (prompt?.template !== undefined) messages = withTemplate(messages, prompt.template, item);
  let system = messages.filter((m) => m.role === 'system');
  const rest = messages.filter((m) => m.role !== 'system');
  if (prompt?.system !== undefined) system = prompt.system === '' ? [] : [{ role: 'system', content: prompt.system }];
  const turns = shots.flatMap((s): ChatMessage[] => [
    { role: 'user', content: s.user },
    { role: 'assistant', content: s.assistant },
  ]);
  return [...system, ...turns, ...rest];
}

export function buildRequest(
  item: EvalItem,
  candidate: CandidateOptions,
  model: string,
  shots: readonly Shot[],
): ChatRequest {
  return { model, messages: buildMessages(item, candidate, shots), ...(candidate.params ?? {}) };
}

/** Human description of the prompt variant, for the reports. */
export function describePrompt(candidate: CandidateOptions): string {
  if (candidate.outputs) return 'outputs file';
  const p = candidate.prompt;
  const parts: string[] = [];
  if (p?.system !== undefined) parts.push('system prompt');
  if (p?.few_shot !== undefined) {
    const k = typeof p.few_shot === 'number' ? p.few_shot : p.few_shot.k;
    const select = typeof p.few_shot === 'number' ? 'fixed' : p.few_shot.select;
    parts.push(`few-shot k=${k} (${select})`);
  }
  if (p?.template !== undefined) parts.push('template');
  return parts.length > 0 ? parts.join(', ') : 'as is';
}

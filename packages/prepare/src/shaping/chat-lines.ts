import type { Template } from './template.js';
import { lookup, render } from './template.js';

type Message = { role: string; content: string };

/** Keys a row may carry when it already is an OpenAI chat training line. */
const CHAT_KEYS = ['messages', 'tools', 'parallel_tool_calls', 'functions'] as const;

/** The row itself when it already is a chat (`messages`) or preference training line, else undefined. */
export function existingLine(data: unknown): Record<string, unknown> | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const row = data as Record<string, unknown>;
  if (Array.isArray(row.messages)) {
    const line: Record<string, unknown> = {};
    for (const key of CHAT_KEYS) if (row[key] !== undefined) line[key] = row[key];
    return line;
  }
  if (row.input && Array.isArray(row.preferred_output) && Array.isArray(row.non_preferred_output)) {
    return { input: row.input, preferred_output: row.preferred_output, non_preferred_output: row.non_preferred_output };
  }
  return undefined;
}

export function systemMessages(system: Template | undefined, data: unknown): Message[] {
  return system ? [{ role: 'system', content: render(system, data) }] : [];
}

/** A single-turn chat line from system / user / assistant templates (built without spreads: it runs for every row). */
export function chatLine(t: { system?: Template; user: Template; assistant: Template }, data: unknown) {
  const messages = systemMessages(t.system, data);
  messages.push({ role: 'user', content: render(t.user, data) });
  messages.push({ role: 'assistant', content: render(t.assistant, data) });
  return { messages };
}

export interface TurnsOptions {
  field: string;
  role_key: string;
  content_key: string;
  roles: Record<string, string>;
}

/** Thrown for a multi-turn row whose turns cannot be mapped. */
export class BadTurns extends Error {}

/** A multi-turn chat line from an array field of turns, with a role mapping (e.g. human → user, gpt → assistant). */
export function turnsLine(system: Template | undefined, turns: TurnsOptions, data: unknown) {
  const list = lookup(data, turns.field.split('.'));
  if (!Array.isArray(list) || list.length === 0)
    throw new BadTurns(`field "${turns.field}" is not a non-empty array of turns`);
  const messages = systemMessages(system, data);
  list.forEach((turn, index) => {
    const rawRole = lookup(turn, [turns.role_key]);
    const content = lookup(turn, [turns.content_key]);
    const role = turns.roles[String(rawRole)] ?? String(rawRole);
    if (!['system', 'user', 'assistant'].includes(role)) {
      throw new BadTurns(`turn ${index} has role "${String(rawRole)}", which maps to no chat role`);
    }
    if (typeof content !== 'string') throw new BadTurns(`turn ${index} has no string "${turns.content_key}"`);
    messages.push({ role, content });
  });
  return { messages };
}

/** A preference (DPO) line: the prompt turns, then the chosen and the rejected assistant reply. */
export function preferenceLine(
  t: { system?: Template; user: Template; chosen: Template; rejected: Template },
  data: unknown,
) {
  return {
    input: { messages: [...systemMessages(t.system, data), { role: 'user', content: render(t.user, data) }] },
    preferred_output: [{ role: 'assistant', content: render(t.chosen, data) }],
    non_preferred_output: [{ role: 'assistant', content: render(t.rejected, data) }],
  };
}

/** A legacy prompt/completion line: the prompt ends with the separator, the completion starts with a space and ends with the ending. */
export function completionLine(
  t: { prompt: Template; completion: Template; separator: string; ending: string },
  data: unknown,
): { prompt: string; completion: string } | { problem: string } {
  const prompt = render(t.prompt, data);
  const completion = render(t.completion, data);
  if (prompt.includes(t.separator))
    return { problem: `the prompt already contains the separator ${JSON.stringify(t.separator)}` };
  if (t.ending && completion.includes(t.ending)) {
    return { problem: `the completion already contains the ending ${JSON.stringify(t.ending)}` };
  }
  return { prompt: prompt + t.separator, completion: ` ${completion.trimStart()}${t.ending}` };
}

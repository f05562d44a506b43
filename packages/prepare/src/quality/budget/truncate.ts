import type { ExampleTokenCount } from '@tunekit/core';
import { graphemeCut } from './grapheme-cut.js';

export interface Cut {
  /** Index in `messages` (or `input.messages`); absent for a prompt/completion line's prompt. */
  messageIndex?: number;
  role: string;
  keptChars: number;
  removedChars: number;
}

interface Slot {
  messageIndex?: number;
  role: string;
  holder: Record<string, unknown>;
  key: string;
}

function promptSlots(line: Record<string, unknown>): Slot[] {
  const input = line.input as Record<string, unknown> | undefined;
  const messages = Array.isArray(line.messages)
    ? line.messages
    : Array.isArray(input?.messages)
      ? (input.messages as unknown[])
      : undefined;
  if (!messages) return typeof line.prompt === 'string' ? [{ role: 'prompt', holder: line, key: 'prompt' }] : [];
  const slots: Slot[] = [];
  messages.forEach((message, messageIndex) => {
    if (!message || typeof message !== 'object') return;
    const m = message as Record<string, unknown>;
    if (m.role !== 'assistant' && typeof m.content === 'string' && m.content.length > 1) {
      slots.push({ messageIndex, role: String(m.role), holder: m, key: 'content' });
    }
  });
  return slots;
}

/**
 * Shortens the non-assistant text of a training line (longest first, cutting from the end) until it fits `limit`.
 * Every shortened text keeps at least one character, and only whole ones (a cut falls between graphemes), so the
 * line stays valid. Returns undefined when only cutting an assistant message would make it fit: that is never done
 * here.
 */
export function truncateExample(
  data: unknown,
  limit: number,
  count: (line: unknown) => ExampleTokenCount,
): { data: unknown; cuts: Cut[]; tokens: number } | undefined {
  const line = structuredClone(data) as Record<string, unknown>;
  const slots = promptSlots(line).sort((a, b) => String(b.holder[b.key]).length - String(a.holder[a.key]).length);
  const cuts: Cut[] = [];
  let tokens = count(line).total;
  for (const slot of slots) {
    if (tokens <= limit) break;
    const original = slot.holder[slot.key] as string;
    let low = 1;
    let high = original.length;
    // Largest kept length that fits, cut between graphemes; when even one does not fit, keep one and move on.
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      slot.holder[slot.key] = original.slice(0, graphemeCut(original, middle));
      if (count(line).total <= limit) low = middle;
      else high = middle - 1;
    }
    const kept = graphemeCut(original, low);
    slot.holder[slot.key] = original.slice(0, kept);
    tokens = count(line).total;
    cuts.push({
      messageIndex: slot.messageIndex,
      role: slot.role,
      keptChars: kept,
      removedChars: original.length - kept,
    });
  }
  return tokens <= limit ? { data: line, cuts, tokens } : undefined;
}

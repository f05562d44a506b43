import { buildBm25 } from '../text/bm25.js';
import { contentText } from './message-text.js';

export interface TrainingPair {
  user: string;
  assistant: string;
}

export interface FineTunedIndex {
  /** The assistant reply of the training example whose user turns are most similar to `question`. */
  answer(question: string): string;
}

/** Pairs (user turns → final assistant reply) of a JSONL training file: chat, preference or prompt/completion lines. */
export function trainingPairs(content: Buffer): TrainingPair[] {
  const pairs: TrainingPair[] = [];
  for (const raw of content
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')) {
    if (raw.trim() === '') continue;
    try {
      const pair = pairOf(JSON.parse(raw));
      if (pair) pairs.push(pair);
    } catch {
      // A job only trains on files that validated; unreadable lines cannot occur there.
    }
  }
  return pairs;
}

function pairOf(line: Record<string, unknown>): TrainingPair | undefined {
  if (typeof line.prompt === 'string' && typeof line.completion === 'string') {
    return { user: line.prompt, assistant: line.completion.trim() };
  }
  const input = line.input as { messages?: unknown } | undefined;
  const messages = (Array.isArray(line.messages) ? line.messages : input?.messages) as
    | { role?: unknown; content?: unknown }[]
    | undefined;
  if (!Array.isArray(messages)) return undefined;
  const users = messages.filter((message) => message?.role === 'user').map((message) => contentText(message.content));
  const preferred = (line.preferred_output as { content?: unknown }[] | undefined)?.[0];
  const lastAssistant = messages.findLast((message) => message?.role === 'assistant');
  const assistant = contentText(preferred?.content ?? lastAssistant?.content);
  return users.length > 0 ? { user: users.join('\n'), assistant } : undefined;
}

/** BM25 over the user turns; a question that shares no term with any example gets the first example's reply. */
export function buildFineTunedIndex(pairs: TrainingPair[]): FineTunedIndex {
  const index = buildBm25(pairs.map((pair) => pair.user));
  return {
    answer(question) {
      const best = index.best(question);
      return pairs[best.index === -1 ? 0 : best.index]?.assistant ?? '';
    },
  };
}

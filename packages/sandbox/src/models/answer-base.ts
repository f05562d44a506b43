import { buildBm25 } from '../text/bm25.js';
import { terms } from '../text/terms.js';
import type { ChatMessage } from './message-text.js';

/**
 * The deterministic base model. If the request holds few-shot pairs (a user turn followed by an assistant turn), it
 * answers with the assistant reply of the pair whose user turn is most similar (BM25) to the last user message.
 * Otherwise it answers extractively: the sentence of the last user message that shares most terms with its final
 * sentence (the question), or the message itself when it has a single sentence.
 */
export function answerAsBaseModel(messages: ChatMessage[]): string {
  const lastUser = findLastIndex(messages, (message) => message.role === 'user');
  const question = lastUser === -1 ? '' : messages[lastUser]!.content;
  const shots: { user: string; assistant: string }[] = [];
  for (let i = 0; i + 1 < lastUser; i++) {
    const message = messages[i]!;
    const next = messages[i + 1]!;
    if (message.role === 'user' && next.role === 'assistant')
      shots.push({ user: message.content, assistant: next.content });
  }
  if (shots.length > 0) {
    const best = buildBm25(shots.map((shot) => shot.user)).best(question);
    if (best.index !== -1) return shots[best.index]!.assistant;
  }
  return extractiveAnswer(question);
}

const SENTENCE = /[^.!?。！？\n]+[.!?。！？]*/gu;

export function extractiveAnswer(text: string): string {
  const sentences = (text.match(SENTENCE) ?? []).map((sentence) => sentence.trim()).filter(Boolean);
  if (sentences.length <= 1) return text.trim();
  const question = new Set(terms(sentences.at(-1)!));
  let best = sentences[0]!;
  let bestScore = -1;
  for (const sentence of sentences.slice(0, -1)) {
    let score = 0;
    for (const term of terms(sentence)) if (question.has(term)) score += 1;
    if (score > bestScore) {
      bestScore = score;
      best = sentence;
    }
  }
  return best;
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}

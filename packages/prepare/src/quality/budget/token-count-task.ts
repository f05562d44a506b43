import { countExampleTokens, loadTokenCounter } from '@tunekit/format/tokens';
import type { BatchTaskSpec } from '../../workers/task-spec.js';
import { chatStrings, countChatStrings } from './chat-strings.js';

/** What the task is sent per record: a plain chat's strings (`chatStrings`), or the whole line. */
export type TokenCountItem = string[] | unknown;

/** The item of a record's data: only strings when the line is a plain chat (a line that is an array counts 0). */
export const tokenCountItem = (line: unknown): TokenCountItem =>
  chatStrings(line) ?? (Array.isArray(line) ? null : line);

export interface TokenCountBatch {
  total: Uint32Array;
  assistant: Uint32Array;
  messages: Uint32Array;
}

/** Counts training lines by OpenAI's chat formula in the given encoding (a worker loads its own tokenizer). */
export function createTokenCountTask(init: {
  encoding: string;
}): (items: TokenCountItem[]) => Promise<TokenCountBatch> {
  const counter = loadTokenCounter(init.encoding);
  return async (items) => {
    const tokens = await counter;
    const batch: TokenCountBatch = {
      total: new Uint32Array(items.length),
      assistant: new Uint32Array(items.length),
      messages: new Uint32Array(items.length),
    };
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      // A line itself is never an array, so an array is always `chatStrings`.
      const count = Array.isArray(item) ? countChatStrings(item, tokens) : countExampleTokens(item, tokens);
      batch.total[i] = count.total;
      batch.assistant[i] = count.assistant;
      batch.messages[i] = count.messages;
    }
    return batch;
  };
}

export function tokenCountTask(encoding: string): BatchTaskSpec<TokenCountItem, TokenCountBatch> {
  return {
    module: import.meta.url,
    exportName: 'createTokenCountTask',
    init: { encoding },
    inline: createTokenCountTask,
    costlyToBuild: true,
  };
}

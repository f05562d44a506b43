import { countExampleTokens, loadTokenCounter } from '@tunekit/format';
import type { BatchTaskSpec } from '../../workers/task-spec.js';

export interface TokenCountBatch {
  total: Uint32Array;
  assistant: Uint32Array;
  messages: Uint32Array;
}

/** Counts training lines by OpenAI's chat formula in the given encoding (a worker loads its own tokenizer). */
export function createTokenCountTask(init: { encoding: string }): (lines: unknown[]) => Promise<TokenCountBatch> {
  const counter = loadTokenCounter(init.encoding);
  return async (lines) => {
    const tokens = await counter;
    const batch: TokenCountBatch = {
      total: new Uint32Array(lines.length),
      assistant: new Uint32Array(lines.length),
      messages: new Uint32Array(lines.length),
    };
    for (let i = 0; i < lines.length; i++) {
      const count = countExampleTokens(lines[i], tokens);
      batch.total[i] = count.total;
      batch.assistant[i] = count.assistant;
      batch.messages[i] = count.messages;
    }
    return batch;
  };
}

export function tokenCountTask(encoding: string): BatchTaskSpec<unknown, TokenCountBatch> {
  return {
    module: import.meta.url,
    exportName: 'createTokenCountTask',
    init: { encoding },
    inline: createTokenCountTask,
    costlyToBuild: true,
  };
}

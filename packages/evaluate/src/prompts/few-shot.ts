import type { EvalItem } from '@tunekit/core';
import { lastUserText } from '../items/chat-item.js';
import { readItems } from '../items/read-items.js';
import { SimilarityIndex } from './similarity-index.js';

export interface Shot {
  user: string;
  assistant: string;
}

export interface ShotPicker {
  pick(item: EvalItem): Shot[];
}

/** Examples a few-shot prompt can draw on (the train split): loaded once, shared by candidates. */
export async function loadShots(path: string, field: string, hint?: string, max = 200_000): Promise<Shot[]> {
  const shots: Shot[] = [];
  for await (const item of readItems({ path, field, ...(hint ? { hint } : {}) }, max))
    shots.push({ user: lastUserText(item), assistant: item.reference });
  return shots;
}

/** `fixed`: the first k examples for every item; `nearest`: the k most similar to the item's question. */
export function createShotPicker(shots: readonly Shot[], k: number, select: 'fixed' | 'nearest'): ShotPicker {
  if (select === 'fixed') {
    return {
      pick: (item) => {
        const question = lastUserText(item);
        return shots.filter((s) => s.user !== question).slice(0, k);
      },
    };
  }
  const index = new SimilarityIndex(shots.map((s) => s.user));
  return {
    pick(item) {
      const question = lastUserText(item);
      // Nearest first in the index; placed last in the prompt, closest to the question.
      const chosen = index.nearest(question, k, (doc) => shots[doc]?.user !== question);
      // Items sharing no words with enough examples are topped up with the first ones, so every prompt has k shots.
      for (let doc = 0; chosen.length < k && doc < shots.length; doc++) {
        if (!chosen.includes(doc) && shots[doc]?.user !== question) chosen.push(doc);
      }
      return chosen.map((doc) => shots[doc] as Shot).reverse();
    },
  };
}

import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { TunekitError } from '@tunekit/core';
import { NearIndex } from '../minhash/near-index.js';
import { createSignatureTask, type SignatureBatch, type SignatureInit } from '../minhash/signature-task.js';
import { exampleText } from '../text/example-text.js';
import { readEvalItems } from './eval-items.js';

export interface ContaminationHit {
  evalId: string;
  similarity: number;
  kind: 'exact' | 'near';
}

/** Exact hashes and a MinHash index of the prompts of an evaluation file. */
export interface ContaminationIndex {
  readonly items: number;
  /** Looks up record `i` of a signature batch (computed with the same `init`). */
  match(batch: SignatureBatch, i: number): ContaminationHit | undefined;
}

export async function loadContaminationIndex(
  path: string,
  baseDir: string,
  init: SignatureInit,
  threshold: number,
): Promise<ContaminationIndex> {
  const file = resolve(baseDir, path);
  if (!existsSync(file)) {
    throw new TunekitError('INPUT_NOT_FOUND', `contamination file ${path} does not exist`, {
      context: { file: path, field: 'contamination.against' },
    });
  }
  const signatures = createSignatureTask(init);
  const perms = init.bands * init.rows;
  const exact = new Map<string, string>();
  const near = new NearIndex(init.bands, perms);
  const nearIds: string[] = [];
  let items = 0;
  for await (const item of readEvalItems(file, basename(file))) {
    items++;
    const batch = signatures([exampleText(item.value, 'user')]);
    if (batch.exact[0] && !exact.has(batch.exact[0])) exact.set(batch.exact[0], item.id);
    if (batch.shingled[0] === 1) {
      near.add(batch.bandKeys, 0, batch.signatures, 0);
      nearIds.push(item.id);
    }
  }
  return {
    items,
    match(batch, i) {
      const exactId = batch.exact[i] ? exact.get(batch.exact[i]) : undefined;
      if (exactId !== undefined) return { evalId: exactId, similarity: 1, kind: 'exact' };
      if (batch.shingled[i] !== 1) return undefined;
      const hit = near.query(batch.bandKeys, i * init.bands, batch.signatures, (i * perms) / 2, threshold);
      return hit
        ? { evalId: nearIds[hit.index]!, similarity: Math.round(hit.similarity * 1000) / 1000, kind: 'near' }
        : undefined;
    },
  };
}

import { readFile } from 'node:fs/promises';
import { writeJsonAtomic } from '@tunekit/core';

/** `eval/batches.json`: the batch submitted for each candidate, saved as soon as it exists so a rerun collects it. */
export interface BatchRecord {
  id: string;
  endpoint: string;
  requests: number;
  collected: boolean;
}

export type BatchStateFile = Record<string, BatchRecord>;

export async function readBatchState(path: string): Promise<BatchStateFile> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as BatchStateFile;
  } catch {
    return {};
  }
}

export function writeBatchState(path: string, state: BatchStateFile): Promise<void> {
  return writeJsonAtomic(path, state);
}

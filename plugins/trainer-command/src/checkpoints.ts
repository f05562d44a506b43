import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainerCheckpoint } from '@tunekit/core';

/** The `checkpoint-<step>` folders Hugging Face's Trainer saves in the output folder, by step. */
export async function listCheckpoints(outputDir: string): Promise<TrainerCheckpoint[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(outputDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isDirectory() && /^checkpoint-\d+$/.test(entry.name))
    .map((entry) => ({ id: entry.name, step: Number(entry.name.slice(11)), model: join(outputDir, entry.name) }))
    .sort((a, b) => a.step - b.step);
}

import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainerCheckpoint } from '@tunekit/core';

/** Slack for file systems that keep whole seconds. */
const CLOCK_SLACK_MS = 1_000;

/** The latest modification time of a folder and of what it holds directly (a file rewritten in place counts). */
async function lastWritten(folder: string): Promise<number> {
  const [self, entries] = await Promise.all([stat(folder), readdir(folder)]);
  const times = await Promise.all(
    entries.map((name) =>
      stat(join(folder, name)).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    ),
  );
  return Math.max(self.mtimeMs, ...times);
}

/**
 * The `checkpoint-<step>` folders Hugging Face's Trainer saves in the output folder written since `since` (the job's
 * start, ms), by step: an `output_dir` shared by the jobs of changed data keeps an earlier job's.
 */
export async function listCheckpoints(outputDir: string, since: number): Promise<TrainerCheckpoint[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(outputDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const folders = entries.filter((entry) => entry.isDirectory() && /^checkpoint-\d+$/.test(entry.name));
  const fresh = await Promise.all(
    folders.map(async (entry) => (await lastWritten(join(outputDir, entry.name))) >= since - CLOCK_SLACK_MS),
  );
  return folders
    .filter((_, i) => fresh[i])
    .map((entry) => ({ id: entry.name, step: Number(entry.name.slice(11)), model: join(outputDir, entry.name) }))
    .sort((a, b) => a.step - b.step);
}

import type { WorkerTask } from '../contracts/step.js';
import { hashFile } from './file-hash.js';

/** sha256 and size of each file, `{ sha256: '', bytes: 0 }` for one that cannot be read. */
export function createFileHashTask(): (paths: string[]) => Promise<{ sha256: string; bytes: number }[]> {
  return (paths) => Promise.all(paths.map((path) => hashFile(path).catch(() => ({ sha256: '', bytes: 0 }))));
}

/**
 * Hashing an input file for the manifest, as a pool task: with worker threads, a thread reads and hashes it while
 * the main thread goes on with the chain.
 */
export const fileHashTask: WorkerTask<string, { sha256: string; bytes: number }[]> = {
  module: import.meta.url,
  exportName: 'createFileHashTask',
  init: null,
  inline: createFileHashTask,
};

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Temporary folders inside the repo (test/.tmp, git-ignored), so user-plugin fixtures resolve zod and @tunekit/*. */
export const TEMP_ROOT = fileURLToPath(new URL('../.tmp/', import.meta.url));

export async function makeTempDir(prefix = 'case-'): Promise<string> {
  await mkdir(TEMP_ROOT, { recursive: true });
  return mkdtemp(join(TEMP_ROOT, prefix));
}

export async function removeDir(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED_DATA = fileURLToPath(new URL('../../data/', import.meta.url));

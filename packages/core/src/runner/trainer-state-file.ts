import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProviderConfig } from '../contracts/provider.js';
import type { TrainerEstimate, TrainerResult, TrainerState } from '../contracts/trainer.js';
import { TunekitError } from '../errors.js';
import { writeJsonAtomic } from '../run-folder/atomic-writer.js';

export const TRAINER_STATE_FILE = 'trainer-state.json';

/**
 * `trainer-state.json`: the trainer's own state wrapped with what `tunekit train status|cancel RUN_DIR` needs to
 * reopen the trainer without the pipeline file. Keys never appear here: providers keep only the env var names.
 */
export interface TrainerStateFile {
  specVersion: 'v1';
  use: string;
  with: unknown;
  baseDir: string;
  runId: string;
  providers: Record<string, ProviderConfig>;
  estimate?: TrainerEstimate;
  state?: TrainerState;
  result?: TrainerResult;
  updatedAt: string;
}

/** Query parameters that carry credentials in some endpoints' URLs (`?api-key=`, `?sig=`, `?access_token=`). */
const SECRET_PARAM = /key|token|secret|sig|pass|auth|credential/i;

/** A URL without a login and without query parameters that look like credentials; other text as it is. */
function credentialFree(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const secrets = [...parsed.searchParams.keys()].filter((name) => SECRET_PARAM.test(name));
  if (!parsed.username && !parsed.password && secrets.length === 0) return url;
  parsed.username = '';
  parsed.password = '';
  for (const name of secrets) parsed.searchParams.delete(name);
  return parsed.href;
}

/** Provider entries without `headers` and without credentials in their URLs: the state file holds no secret. */
export function secretFreeProviders(providers: Record<string, ProviderConfig>): Record<string, ProviderConfig> {
  return Object.fromEntries(
    Object.entries(providers).map(([name, { headers: _headers, ...rest }]) => {
      const clean: ProviderConfig = { ...rest };
      if (clean.base_url) clean.base_url = credentialFree(clean.base_url);
      if (clean.azure) clean.azure = { ...clean.azure, endpoint: credentialFree(clean.azure.endpoint) };
      return [name, clean];
    }),
  );
}

export async function readTrainerStateFile(runDir: string): Promise<TrainerStateFile | undefined> {
  const path = join(runDir, TRAINER_STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const why = code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : undefined;
    if (!why) throw error;
    throw new TunekitError('RUN_FOLDER_INVALID', `cannot read ${TRAINER_STATE_FILE}: ${why}`, {
      cause: error,
      context: { file: path },
    });
  }
  try {
    const parsed = JSON.parse(text) as TrainerStateFile;
    if (parsed.specVersion !== 'v1' || typeof parsed.use !== 'string') throw new Error('not a v1 trainer state');
    return parsed;
  } catch (cause) {
    throw new TunekitError(
      'RUN_FOLDER_INVALID',
      `${TRAINER_STATE_FILE} is not a trainer state: ${(cause as Error).message}`,
      {
        cause,
        context: { file: path, hint: 'remove it to launch a new job (the previous job, if any, is not cancelled)' },
      },
    );
  }
}

export async function writeTrainerStateFile(runDir: string, file: Omit<TrainerStateFile, 'updatedAt'>): Promise<void> {
  await writeJsonAtomic(join(runDir, TRAINER_STATE_FILE), { ...file, updatedAt: new Date().toISOString() });
}

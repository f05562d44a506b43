import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { readTrainerStateFile } from '@tunekit/core';
import type { CliIO } from './io.js';
import { SANDBOX_KEY_ENV, type SandboxHandle, startSandboxSession } from './sandbox-session.js';

/** Where `tunekit run` keeps the in-process sandbox's files, jobs and batches. */
export const SANDBOX_STATE_DIR = 'sandbox-state';

/**
 * The sandbox the job of a sandbox run lives in: the run's in-process sandbox ended with the run, so `tunekit train
 * status|cancel` start it again from the run folder (the job goes on on its own clock). Undefined for a live run.
 */
export async function restartRunSandbox(
  runDir: string,
  io: CliIO,
): Promise<(SandboxHandle & { apiKeyEnv: string }) | undefined> {
  const file = await readTrainerStateFile(runDir);
  // A finished job is answered from the state file: nothing to ask a sandbox.
  if (file?.state?.phase === 'finished' && file.result) return undefined;
  const providers = Object.values(file?.providers ?? {});
  const sandboxRun = providers.length > 0 && providers.every((entry) => entry.api_key_env === SANDBOX_KEY_ENV);
  const dataDir = join(runDir, SANDBOX_STATE_DIR);
  if (
    !sandboxRun ||
    !(await access(dataDir).then(
      () => true,
      () => false,
    ))
  )
    return undefined;
  return startSandboxSession(io, { dataDir, reason: 'the job of a sandbox run' });
}

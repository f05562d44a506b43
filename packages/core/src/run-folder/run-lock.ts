import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TunekitError } from '../errors.js';
import { processAlive } from '../util/process-alive.js';

export const RUN_LOCK_FILE = '.tunekit-run.lock';

/**
 * Takes the run folder for this process: two runs in one folder would overwrite each other's manifest and could
 * both launch a paid training job. A lock left by a process that no longer runs (a crash, a kill -9) is taken over.
 * Returns the release.
 */
export async function lockRunFolder(runDir: string): Promise<() => Promise<void>> {
  const path = join(runDir, RUN_LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx' });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) {
      throw new TunekitError('USAGE', `another tunekit run (process ${holder}) is using this run folder`, {
        context: {
          file: runDir,
          hint: `wait for it, or stop it; if no such run is going on, remove ${RUN_LOCK_FILE}`,
        },
      });
    }
    await rm(path, { force: true });
  }
  throw new TunekitError('USAGE', 'could not take this run folder: another run keeps taking it', {
    context: { file: runDir },
  });
}

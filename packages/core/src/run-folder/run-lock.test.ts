import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TunekitError } from '../errors.js';
import { lockRunFolder, RUN_LOCK_FILE } from './run-lock.js';

describe('lockRunFolder', () => {
  it('lets one run at a time use a folder, in one line naming the other process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-lock-'));
    const release = await lockRunFolder(dir);
    const second = await lockRunFolder(dir).catch((e: unknown) => e);
    expect(TunekitError.is(second, 'USAGE') && second.render()).toBe(
      `${dir}: another tunekit run (process ${process.pid}) is using this run folder — wait for it, or stop it; if no such run is going on, remove ${RUN_LOCK_FILE}`,
    );
    await release();
    expect(existsSync(join(dir, RUN_LOCK_FILE))).toBe(false);
    await (await lockRunFolder(dir))();
  });

  it('takes over a lock left by a process that no longer runs, or an unreadable one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-lock-'));
    for (const left of ['2147483646\n', 'garbage']) {
      writeFileSync(join(dir, RUN_LOCK_FILE), left);
      const release = await lockRunFolder(dir);
      await release();
    }
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TunekitError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { openStore } from './store.js';

describe('openStore with a data folder', () => {
  it('names a damaged state.json in one line (RUN_FOLDER_INVALID), with how to start afresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-store-'));
    const path = join(dir, 'state.json');
    for (const [text, why] of [
      ['{garbage', 'it is not JSON'],
      ['{"version":1,"files":5,"jobs":[],"batches":[]}', '`files` is not a list'],
    ] as const) {
      writeFileSync(path, text);
      const error = await openStore(dir).catch((e: unknown) => e);
      expect(TunekitError.is(error, 'RUN_FOLDER_INVALID') && error.render()).toBe(
        `${path}: the sandbox state is damaged: ${why} — remove ${dir} to start the sandbox afresh (its simulated files, jobs and batches are lost)`,
      );
    }
    writeFileSync(path, '{"version":1,"files":[],"jobs":[],"batches":[]}');
    expect((await openStore(dir)).jobs.size).toBe(0);
  });
});

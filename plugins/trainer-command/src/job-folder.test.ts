import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobFiles, readExitRecord } from './job-folder.js';

describe('readExitRecord', () => {
  it('reads no record from an exit.json cut short (a machine that went down as it was written)', async () => {
    const jobDir = await mkdtemp(join(tmpdir(), 'tunekit-job-folder-'));
    for (const text of ['', '{"code":0,"sig']) {
      await writeFile(jobFiles(jobDir).exit, text);
      expect(await readExitRecord(jobDir)).toBeUndefined();
    }
    await writeFile(jobFiles(jobDir).exit, '{"code":1,"signal":null,"endedAt":"2026-01-01T00:00:00.000Z"}\n');
    expect(await readExitRecord(jobDir)).toMatchObject({ code: 1 });
    await rm(jobDir, { recursive: true });
  });
});

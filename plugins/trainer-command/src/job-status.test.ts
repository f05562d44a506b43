import { writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jobFiles } from './job-folder.js';
import { jobStatus } from './job-status.js';

// The supervisor ends the moment it is asked about: it wrote its exit record just before.
vi.mock('./job-process.js', async (original) => ({
  ...(await original<typeof import('./job-process.js')>()),
  supervisorAlive: (_pid: number, jobDir: string) => {
    writeFileSync(jobFiles(jobDir).exit, JSON.stringify({ code: 0, signal: null, endedAt: new Date().toISOString() }));
    return false;
  },
}));

let jobDir: string;
beforeAll(async () => {
  jobDir = await mkdtemp(join(tmpdir(), 'tunekit-job-status-'));
  await writeFile(jobFiles(jobDir).pid, '4242\n');
});
afterAll(() => rm(jobDir, { recursive: true, force: true }));

describe('jobStatus', () => {
  it('a program that ends between the reads is collected with its exit status, not as lost', async () => {
    expect(await jobStatus(jobDir, 4242)).toMatchObject({ status: 'succeeded', rawStatus: 'exit code 0' });
  });
});

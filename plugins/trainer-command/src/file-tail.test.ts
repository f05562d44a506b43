import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileTail } from './file-tail.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tunekit-tail-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('FileTail', () => {
  it('returns the lines added since the last read; \\r ends a line; an unfinished line waits', async () => {
    const path = join(dir, 'out.log');
    const tail = new FileTail(path);
    expect(await tail.lines()).toEqual([]);
    await writeFile(path, 'one\n 10%|█| 1/10\r 20%|██| 2/10');
    expect(await tail.lines()).toEqual(['one', ' 10%|█| 1/10']);
    await appendFile(path, '\r\nthree\r\nfou');
    expect(await tail.lines()).toEqual([' 20%|██| 2/10', 'three']);
    expect(await tail.lines()).toEqual([]);
    expect(tail.rest()).toEqual(['fou']);
  });

  it('keeps a character whose bytes arrive in two reads whole', async () => {
    const path = join(dir, 'utf8.log');
    const bytes = Buffer.from('损失 1.5\n');
    const tail = new FileTail(path);
    await writeFile(path, bytes.subarray(0, 4));
    expect(await tail.lines()).toEqual([]);
    await appendFile(path, bytes.subarray(4));
    expect(await tail.lines()).toEqual(['损失 1.5']);
  });
});

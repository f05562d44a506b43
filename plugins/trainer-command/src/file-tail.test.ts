import { appendFile, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileTail } from './file-tail.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tunekit-tail-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function linesOf(tail: FileTail): Promise<string[]> {
  const lines: string[] = [];
  await tail.read((line) => lines.push(line));
  return lines;
}

describe('FileTail', () => {
  it('returns the lines added since the last read; \\r ends a line; an unfinished line waits', async () => {
    const path = join(dir, 'out.log');
    const tail = new FileTail(path);
    expect(await linesOf(tail)).toEqual([]);
    await writeFile(path, 'one\n 10%|█| 1/10\r 20%|██| 2/10');
    expect(await linesOf(tail)).toEqual(['one', ' 10%|█| 1/10']);
    await appendFile(path, '\r\nthree\r\nfou');
    expect(await linesOf(tail)).toEqual([' 20%|██| 2/10', 'three']);
    expect(await linesOf(tail)).toEqual([]);
    expect(tail.rest()).toEqual(['fou']);
  });

  it('keeps a character whose bytes arrive in two reads whole', async () => {
    const path = join(dir, 'utf8.log');
    const bytes = Buffer.from('损失 1.5\n');
    const tail = new FileTail(path);
    await writeFile(path, bytes.subarray(0, 4));
    expect(await linesOf(tail)).toEqual([]);
    await appendFile(path, bytes.subarray(4));
    expect(await linesOf(tail)).toEqual(['损失 1.5']);
  });

  it('reads a log longer than a string can hold, keeping the end of a line that never ends', async () => {
    const path = join(dir, 'huge.log');
    // 540 MB of NUL bytes without a line end (a sparse file: nothing is written), then a loss.
    await writeFile(path, '');
    await truncate(path, 540 * 2 ** 20);
    await appendFile(path, "\n{'loss': 1.5}\n");
    const lines = await linesOf(new FileTail(path));
    expect(lines.map((line) => line.length)).toEqual([2 ** 16, 13]);
    expect(lines[1]).toBe("{'loss': 1.5}");
  });
});

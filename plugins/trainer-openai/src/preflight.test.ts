import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TunekitError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { assertUploadable, countExamples } from './preflight.js';

const dir = mkdtempSync(join(tmpdir(), 'tunekit-preflight-'));
let files = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${++files}.jsonl`);
  writeFileSync(path, content);
  return path;
}
const line = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `q${i}` },
      { role: 'assistant', content: `a${i}` },
    ],
  });
const lines = (n: number) => Array.from({ length: n }, (_, i) => `${line(i)}\n`).join('');

describe('countExamples', () => {
  it('counts lines that are not blank, as the service does', async () => {
    expect(await countExamples(file(''))).toEqual({ examples: 0, bytes: 0 });
    expect((await countExamples(file('\n \n\t\r\n'))).examples).toBe(0);
    expect((await countExamples(file('{"a":1}'))).examples).toBe(1); // no final line break
    expect((await countExamples(file('{"a":1}\r\n\r\n  {"b":2}\r\n   \n'))).examples).toBe(2);
    const content = lines(12);
    expect(await countExamples(file(content))).toEqual({ examples: 12, bytes: Buffer.byteLength(content) });
  });

  it('counts across read boundaries (lines longer than a read, breaks on a boundary)', async () => {
    const long = `{"x":"${'y'.repeat((1 << 20) + 100)}"}`;
    expect((await countExamples(file(`${long}\n${long}\n\n${long}`))).examples).toBe(3);
    const exact = Buffer.alloc(1 << 20, 0x61);
    exact[(1 << 20) - 1] = 0x0a; // the first read ends with a line break
    expect((await countExamples(file(Buffer.concat([exact, Buffer.from('  \nz')])))).examples).toBe(2);
  });
});

describe('assertUploadable', () => {
  it('passes 10 training examples and a validation file of any count', async () => {
    await expect(assertUploadable({ trainFile: file(lines(10)), validationFile: file(lines(1)) })).resolves.toBe(
      undefined,
    );
  });

  it('refuses a training file under 10 examples in one line naming the file and the count', async () => {
    const path = file(`${lines(8)}\n\n`);
    const error = await assertUploadable({ trainFile: path }).catch((e: unknown) => e);
    expect(TunekitError.is(error, 'INPUT_INVALID')).toBe(true);
    const text = (error as TunekitError).render();
    expect(text).toContain(path);
    expect(text).toContain('8 examples');
    expect(text).toContain('at least 10');
    expect(text).toContain('nothing was uploaded');
    expect(text).not.toMatch(/\n/);
  });

  it('refuses a file over the 8 GB upload limit without reading it (a sparse file)', async () => {
    const path = join(dir, 'large.jsonl');
    writeFileSync(path, lines(20));
    truncateSync(path, 8 * 1024 ** 3 + 1);
    const error = await assertUploadable({ trainFile: file(lines(10)), validationFile: path }).catch((e: unknown) => e);
    expect(TunekitError.is(error, 'INPUT_INVALID')).toBe(true);
    expect((error as TunekitError).render()).toContain('the file is 8.00 GB; the upload limit is 8 GB');
    expect((error as TunekitError).context.file).toBe(path);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFile } from './file-hash.js';

const dir = mkdtempSync(join(tmpdir(), 'tunekit-hash-'));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('hashFile', () => {
  it.each([
    ['empty', 0],
    ['small', 17],
    ['exactly one read', 1 << 20],
    ['one byte over a read', (1 << 20) + 1],
    ['several reads', 3 * (1 << 20) + 12_345],
  ])('gives the sha256 and size of a %s file', async (name, size) => {
    const content = randomBytes(size);
    const path = join(dir, `${name}.bin`);
    writeFileSync(path, content);
    expect(await hashFile(path)).toEqual({ sha256: sha256(content), bytes: size });
  });

  it('rejects for a file that does not exist', async () => {
    await expect(hashFile(join(dir, 'missing.bin'))).rejects.toThrow(/ENOENT/);
  });
});

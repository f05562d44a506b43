import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8Line } from './first-invalid-utf8-line.js';

const dir = mkdtempSync(join(tmpdir(), 'tunekit-utf8-'));
let files = 0;
function file(...parts: (string | Buffer)[]): string {
  const path = join(dir, `f${++files}.jsonl`);
  writeFileSync(path, Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part))));
  return path;
}
const GBK_WORD = Buffer.from([0xba, 0xcf, 0xcd, 0xac]); // 合同 in GBK

describe('firstInvalidUtf8Line', () => {
  it('passes UTF-8, with multi-byte characters cut by every read boundary', async () => {
    expect(await firstInvalidUtf8Line(file(''))).toBeUndefined();
    // 3-byte characters from offset 0, 1 and 2 of a line: one of them straddles the 1 MB read boundary.
    for (const pad of ['', 'a', 'ab']) {
      const line = `${pad}${'中'.repeat(200_000)}\n`;
      expect(await firstInvalidUtf8Line(file(line, line))).toBeUndefined();
    }
    expect(await firstInvalidUtf8Line(file('{"a":"合同"}'))).toBeUndefined(); // no final line break
  });

  it('names the first line that is not UTF-8, past the first read and on the last line', async () => {
    const good = `${'x'.repeat(999)}\n`; // 1,000 bytes a line: line 1,500 is past the first megabyte
    expect(await firstInvalidUtf8Line(file(good.repeat(1499), GBK_WORD, '\n', good))).toBe(1500);
    expect(await firstInvalidUtf8Line(file('{"a":1}\n{"b":2}\n', GBK_WORD))).toBe(3);
    expect(await firstInvalidUtf8Line(file(GBK_WORD, '\n', GBK_WORD, '\n'))).toBe(1);
    // A multi-byte character cut off by the end of the file is invalid too.
    expect(await firstInvalidUtf8Line(file('ok\n', Buffer.from('中').subarray(0, 2)))).toBe(2);
  });
});

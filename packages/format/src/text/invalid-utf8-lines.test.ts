import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidUtf8Lines } from './invalid-utf8-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'tunekit-utf8-'));
let files = 0;
function file(...parts: (string | Buffer)[]): string {
  const path = join(dir, `f${++files}.jsonl`);
  writeFileSync(path, Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part))));
  return path;
}
const GBK_WORD = Buffer.from([0xba, 0xcf, 0xcd, 0xac]); // 合同 in GBK
const first = (path: string, lineBreak: '\n' | '\r' = '\n') => new InvalidUtf8Lines(path, lineBreak).firstFrom(1);

describe('InvalidUtf8Lines', () => {
  it('passes UTF-8, with multi-byte characters cut by every read boundary', async () => {
    expect(await first(file(''))).toBeUndefined();
    // 3-byte characters from offset 0, 1 and 2 of a line: one of them straddles the 1 MB read boundary.
    for (const pad of ['', 'a', 'ab']) {
      const line = `${pad}${'中'.repeat(200_000)}\n`;
      expect(await first(file(line, line))).toBeUndefined();
      // A line of several megabytes with no break inside a read, and a 4-byte character cut by it.
      expect(await first(file(pad, '😀'.repeat(700_000), '\n', line))).toBeUndefined();
    }
    expect(await first(file('{"a":"合同"}'))).toBeUndefined(); // no final line break
  });

  it('passes a literal U+FFFD, which is valid UTF-8 (EF BF BD)', async () => {
    expect(await first(file('{"a":"\uFFFD"}\n\uFFFD\uFFFD\n'))).toBeUndefined();
  });

  it('names the first line that is not UTF-8, past the first read and on the last line', async () => {
    const good = `${'x'.repeat(999)}\n`; // 1,000 bytes a line: line 1,500 is past the first megabyte
    expect(await first(file(good.repeat(1499), GBK_WORD, '\n', good))).toBe(1500);
    expect(await first(file('{"a":1}\n{"b":2}\n', GBK_WORD))).toBe(3);
    expect(await first(file(GBK_WORD, '\n', GBK_WORD, '\n'))).toBe(1);
    // A multi-byte character cut off by the end of the file is invalid too.
    expect(await first(file('ok\n', Buffer.from('中').subarray(0, 2)))).toBe(2);
    // An invalid byte at the start and at the end of a line longer than a read.
    const long = 'y'.repeat(3_000_000);
    expect(await first(file('a\n', GBK_WORD, long, '\nb\n'))).toBe(2);
    expect(await first(file('a\n', long, GBK_WORD, '\nb\n'))).toBe(2);
  });

  it('answers about ranges of lines asked in increasing order, and counts lines ended by a lone \\r', async () => {
    const lines = new InvalidUtf8Lines(file('a\n', GBK_WORD, '\nb\nc\n', GBK_WORD, '\nd\n'));
    expect(await lines.anyIn(1)).toBe(false);
    expect(await lines.anyIn(1, 2)).toBe(true);
    expect(await lines.anyIn(3, 4)).toBe(false);
    expect(await lines.firstFrom(3)).toBe(5);
    expect(await lines.anyIn(6, 9)).toBe(false);
    const mac = new InvalidUtf8Lines(file('a\rb\r', GBK_WORD, '\rc'), '\r');
    expect(await mac.firstFrom(1)).toBe(3);
    expect(await first(file('a\rb\r', GBK_WORD, '\rc'))).toBe(1); // counted by \n: one line
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunFolderOutlet } from './record-outlet.js';

describe('RunFolderOutlet', () => {
  it('writes the parents of a rejected piece of a fan-out, so a reject names the record it came from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outlet-'));
    const outlet = new RunFolderOutlet(dir, ['to-chat']);
    const source = { file: 'law.md', line: 3 };
    outlet.reject('to-chat', { id: 'law.md:3#2', source, data: {}, meta: {}, parents: ['law.md:3'] }, 'bad', {
      message: 'bad task',
    });
    outlet.reject('to-chat', { id: 'law.md:5', source, data: {}, meta: {} }, 'bad', { message: 'bad row' });
    await outlet.commit();
    const lines = readFileSync(join(dir, 'rejects.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.id, line.parents])).toEqual([
      ['law.md:3#2', ['law.md:3']],
      ['law.md:5', undefined],
    ]);
  });
});

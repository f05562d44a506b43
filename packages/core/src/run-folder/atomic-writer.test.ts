import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TunekitError } from '../errors.js';
import { AtomicLineWriter, writeFileAtomic } from './atomic-writer.js';

const lines = Array.from({ length: 5000 }, (_, i) => ({
  messages: [
    { role: 'system', content: 'You are a lawyer.' },
    { role: 'user', content: `question ${i} "quoted"\n中文 ${'x'.repeat(i % 700)}` },
    { role: 'assistant', content: i % 97 === 0 ? 'y'.repeat(300_000) : `answer ${i} 🙂` },
  ],
  weight: i % 2,
}));

describe('AtomicLineWriter', () => {
  it('writes lines by JSON value and by string alike, across chunks and oversized lines, renamed on commit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tunekit-writer-'));
    const byValue = new AtomicLineWriter(join(dir, 'value.jsonl'));
    const byString = new AtomicLineWriter(join(dir, 'string.jsonl'));
    for (const line of lines) {
      await byValue.writeJson(line);
      await byString.write(JSON.stringify(line));
    }
    expect(existsSync(join(dir, 'value.jsonl'))).toBe(false);
    const [value, string] = [await byValue.commit(), await byString.commit()];
    const expected = lines.map((line) => `${JSON.stringify(line)}\n`).join('');
    const written = readFileSync(join(dir, 'value.jsonl'), 'utf8');
    expect(written === expected).toBe(true);
    expect(readFileSync(join(dir, 'string.jsonl'), 'utf8') === expected).toBe(true);
    expect(value).toMatchObject({ lines: 5000, bytes: Buffer.byteLength(expected), sha256: string.sha256 });
    expect(value.sha256).toBe(createHash('sha256').update(expected).digest('hex'));
    expect(readdirSync(dir).sort()).toEqual(['string.jsonl', 'value.jsonl']);
  });

  it('leaves nothing behind when aborted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tunekit-writer-'));
    const writer = new AtomicLineWriter(join(dir, 'out.jsonl'));
    for (const line of lines.slice(0, 500)) await writer.writeJson(line);
    await writer.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writeFileAtomic leaves no temporary file when the rename fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tunekit-writer-'));
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'x'), 'x');
    await expect(writeFileAtomic(join(dir, 'taken'), 'content')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});

describe('a folder where a file goes', () => {
  it('is one line naming the file (RUN_FOLDER_INVALID), and no temporary file is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-folder-'));
    mkdirSync(join(dir, 'manifest.json'));
    const whole = await writeFileAtomic(join(dir, 'manifest.json'), '{}\n').catch((e: unknown) => e);
    expect(TunekitError.is(whole, 'RUN_FOLDER_INVALID') && whole.render()).toBe(
      `${join(dir, 'manifest.json')}: is a folder where tunekit writes a file — move it out of the way or choose another folder with --out`,
    );
    mkdirSync(join(dir, 'train.jsonl', 'inside'), { recursive: true });
    const writer = new AtomicLineWriter(join(dir, 'train.jsonl'));
    writer.writeJson({ a: 1 });
    const lines = await writer.commit().catch((e: unknown) => e);
    expect(TunekitError.is(lines, 'RUN_FOLDER_INVALID')).toBe(true);
    await writer.abort();
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'train.jsonl']);
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StepOrderedLines } from './step-ordered-lines.js';

const order = ['read', 'to-chat', 'dedupe', 'token-budget'];
const rank = (step: string) => (order.includes(step) ? order.indexOf(step) : order.length);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('StepOrderedLines', () => {
  it('joins the lines of each step in step order, whatever order they arrived in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tunekit-ordered-'));
    const file = new StepOrderedLines(join(dir, 'rejects.jsonl'), rank);
    const arrivals: [string, number][] = [];
    for (let i = 0; i < 3000; i++) arrivals.push([order[(i * 7) % 4]!, i]);
    arrivals.push(['unknown-step', 1]);
    for (const [step, i] of arrivals) await file.writeJson(step, { step, i, text: 'x'.repeat(i % 300) });

    const written = await file.commit();
    const text = readFileSync(join(dir, 'rejects.jsonl'), 'utf8');
    const expected = [...order, 'unknown-step']
      .flatMap((step) => arrivals.filter(([s]) => s === step))
      .map(([step, i]) => `${JSON.stringify({ step, i, text: 'x'.repeat(i % 300) })}\n`)
      .join('');
    expect(text === expected).toBe(true);
    expect(written).toMatchObject({
      lines: arrivals.length,
      bytes: Buffer.byteLength(expected),
      sha256: sha256(expected),
    });
    expect(readdirSync(dir)).toEqual(['rejects.jsonl']);
  });

  it('renames the one part when one step wrote, and writes an empty file when none did', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tunekit-ordered-'));
    const one = new StepOrderedLines(join(dir, 'duplicates.jsonl'), rank);
    one.writeJson('dedupe', { id: 'a' });
    const none = new StepOrderedLines(join(dir, 'rejects.jsonl'), rank);
    expect(await one.commit()).toMatchObject({ path: join(dir, 'duplicates.jsonl'), lines: 1 });
    expect(await none.commit()).toMatchObject({ lines: 0, bytes: 0, sha256: sha256('') });
    expect(readFileSync(join(dir, 'duplicates.jsonl'), 'utf8')).toBe('{"id":"a"}\n');
    expect(readdirSync(dir).sort()).toEqual(['duplicates.jsonl', 'rejects.jsonl']);
  });

  it('leaves nothing behind when aborted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tunekit-ordered-'));
    const file = new StepOrderedLines(join(dir, 'rejects.jsonl'), rank);
    for (const step of order) await file.writeJson(step, { step, pad: 'y'.repeat(400_000) });
    await file.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});

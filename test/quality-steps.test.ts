import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPipeline, runPipeline } from '@tunekit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, REPO_ROOT, removeDir } from './helpers/temp-dir.js';

const FIXTURES = join(REPO_ROOT, 'packages/prepare/src/quality/fixtures');
let dir: string;

async function readJsonl(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.trim()
    ? text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
    : [];
}

async function runChain(workers: number) {
  const file = join(dir, 'quality.yaml');
  await writeFile(
    file,
    `name: quality
model: gpt-4o-mini-2024-07-18
dataset:
  from: { use: read-jsonl, with: { path: broken-chat.jsonl } }
  steps:
    - use: validate
    - use: dedupe
      with: { near: { threshold: 0.8 }, batch_size: 4 }
    - use: token-budget
      with: { batch_size: 4 }
    - use: split
      with: { validation: 0.3, seed: 7 }
`,
  );
  const out = join(dir, `run-${workers}`);
  const { manifest } = await runPipeline(await loadPipeline(file), { outDir: out, workers });
  return {
    manifest: manifest as Record<string, unknown>,
    train: await readFile(join(out, 'train.jsonl'), 'utf8'),
    validation: await readFile(join(out, 'validation.jsonl'), 'utf8').catch(() => ''),
    rejects: await readJsonl(join(out, 'rejects.jsonl')),
    duplicates: await readJsonl(join(out, 'duplicates.jsonl')),
  };
}

beforeAll(async () => {
  dir = await makeTempDir('quality-');
  await copyFile(join(FIXTURES, 'broken-chat.jsonl'), join(dir, 'broken-chat.jsonl'));
});
afterAll(() => removeDir(dir));

describe('validate → dedupe → token-budget → split on a corpus of broken lines', () => {
  it('keeps the good lines, rejects each bad one with its code and line, and balances the ledger', async () => {
    const expected = JSON.parse(await readFile(join(FIXTURES, 'broken-chat.expected.json'), 'utf8')) as Record<
      string,
      string
    >;
    const total = (await readFile(join(dir, 'broken-chat.jsonl'), 'utf8')).trim().split('\n').length;
    const run = await runChain(1);
    expect(run.manifest.status).toBe('succeeded');

    const byLine = Object.fromEntries(run.rejects.map((r) => [String(r.line), r.code]));
    expect(byLine).toEqual(expected);
    expect(run.rejects.every((r) => r.step === 'validate')).toBe(true);

    // Line 41 repeats line 1: a duplicate naming the kept id.
    expect(run.duplicates).toHaveLength(1);
    expect(run.duplicates[0]).toMatchObject({ kept_id: 'broken-chat.jsonl:1', similarity: 1 });

    const train = run.train.trim().split('\n');
    const validation = run.validation.trim() ? run.validation.trim().split('\n') : [];
    expect(train.length + validation.length).toBe(total - Object.keys(expected).length - 1);
    expect(validation.length).toBeGreaterThan(0);
    expect(new Set([...train, ...validation]).size).toBe(train.length + validation.length);

    for (const entry of run.manifest.ledger as { in: number; out: number; rejected: number; discarded: number }[]) {
      expect(entry.in).toBe(entry.out + entry.rejected + entry.discarded);
    }
    expect(JSON.stringify(run.manifest)).toContain('billingTokens');
  });

  it('writes byte-identical files with 1 and 2 workers', async () => {
    const one = await runChain(1);
    const two = await runChain(2);
    expect(two.train).toBe(one.train);
    expect(two.validation).toBe(one.validation);
    expect(JSON.stringify(two.rejects)).toBe(JSON.stringify(one.rejects));
    expect(JSON.stringify(two.duplicates)).toBe(JSON.stringify(one.duplicates));
  });
});

describe('several steps writing rejects and duplicates at once', () => {
  /** Rows that every step has something to say about: missing fields, exact and near repeats, long answers. */
  async function writeRows(path: string) {
    const words = 'contract tenant landlord deposit notice court claim damages statute clause breach remedy'.split(' ');
    let state = 7;
    const word = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return words[state % words.length];
    };
    const lines: string[] = [];
    for (let row = 0; row < 3000; row++) {
      const question = Array.from({ length: 12 }, word).join(' ');
      const answer = Array.from({ length: row % 7 === 0 ? 150 : 20 }, word).join(' ');
      const line = row % 13 === 0 ? { q: question, g: `g${row % 50}` } : { q: question, a: answer, g: `g${row % 50}` };
      lines.push(JSON.stringify(line));
      if (row % 9 === 0) lines.push(JSON.stringify(line));
    }
    await writeFile(path, `${lines.join('\n')}\n`);
  }

  async function run(workers: number) {
    const file = join(dir, 'interleaved.yaml');
    await writeFile(
      file,
      `name: interleaved
model: gpt-4o-mini-2024-07-18
dataset:
  from: { use: read-jsonl, with: { path: rows.jsonl } }
  steps:
    - use: to-chat
      with: { user: "{{q}}", assistant: "{{a}}", group: "{{g}}" }
    - use: dedupe
      with: { near: { threshold: 0.7 }, batch_size: 16 }
    - use: token-budget
      with: { max_example_tokens: 120, max_total_tokens: 40000, batch_size: 16 }
    - use: split
      with: { validation: 0.2, by: group, seed: 3 }
`,
    );
    const out = join(dir, `interleaved-${workers}`);
    await runPipeline(await loadPipeline(file), { outDir: out, workers });
    const read = (name: string) => readFile(join(out, name), 'utf8');
    return { rejects: await read('rejects.jsonl'), duplicates: await read('duplicates.jsonl') };
  }

  it('lays their lines out in step order, so 1 and 2 workers write the same bytes', async () => {
    await writeRows(join(dir, 'rows.jsonl'));
    const one = await run(1);
    const two = await run(2);
    // The step of each line, runs collapsed: each step's lines in one block.
    const steps = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).step as string)
        .filter((step, i, all) => step !== all[i - 1]);
    expect(steps(one.rejects)).toEqual(['to-chat', 'token-budget']);
    expect(steps(one.duplicates)).toEqual(['dedupe', 'token-budget']);
    expect(two.rejects).toBe(one.rejects);
    expect(two.duplicates).toBe(one.duplicates);
  });
});

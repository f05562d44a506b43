import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { makeTempDir, REPO_ROOT, removeDir } from './helpers/temp-dir.js';

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('prepare-sources-');
});
afterAll(() => removeDir(dir));

async function jsonl(file: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

async function runPipeline(file: string, name: string) {
  const out = join(dir, name);
  const result = await runCli(['run', file, '--out', out]);
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
  const lines = [...(await jsonl(join(out, 'train.jsonl'))), ...(await jsonl(join(out, 'validation.jsonl')))];
  return { result, manifest, lines, rejects: await jsonl(join(out, 'rejects.jsonl')) };
}

describe('example pipelines run end to end', () => {
  it('consumer-law-qa: 63 articles → 71 question/answer lines (one per article, one per chapter)', async () => {
    const r = await runPipeline(join(REPO_ROOT, 'pipelines/consumer-law-qa.yaml'), 'consumer');
    expect(r.result.code).toBe(0);
    expect(r.lines).toHaveLength(71);
    expect(r.manifest.steps[0]).toMatchObject({ step: 'read-legal', out: 63 });
    const contents = r.lines.map((l) => (l.messages as { content: string }[])[1]!.content);
    expect(contents).toContain('《中华人民共和国消费者权益保护法》第二十四条规定了什么？');
    expect(contents).toContain('《中华人民共和国消费者权益保护法》中哪些条文规定了“消费者的权利”方面的内容？');
    expect(new Set(contents).size).toBe(71);
  });

  it('mcq-zh: 275 multiple-choice lines with the letter as the answer', async () => {
    const r = await runPipeline(join(REPO_ROOT, 'pipelines/mcq-zh.yaml'), 'mcq');
    expect(r.result.code).toBe(0);
    expect(r.lines).toHaveLength(275);
    for (const line of r.lines) expect((line.messages as { content: string }[])[2]!.content).toMatch(/^[A-D]$/);
  });

  it('legalbench-hearsay: TSV rows → Yes/No classification lines', async () => {
    const r = await runPipeline(join(REPO_ROOT, 'pipelines/legalbench-hearsay.yaml'), 'hearsay');
    expect(r.result.code).toBe(0);
    expect(r.lines.length).toBeGreaterThan(2);
    for (const line of r.lines) expect((line.messages as { content: string }[])[2]!.content).toMatch(/^(Yes|No)$/);
  });
});

describe('broken inputs', () => {
  it('a CSV with an unclosed quote and a short row: the run finishes, rejects name file, line and reason', async () => {
    const file = join(dir, 'broken-csv.yaml');
    const csv = join(REPO_ROOT, 'test/fixtures/broken/csv/unclosed-quote.csv');
    await writeFile(
      file,
      `name: broken-csv\ndataset:\n  from: { use: read-csv, with: { path: "${csv}" } }\n  steps:\n    - use: to-chat\n      with: { user: "{{question}}", assistant: "{{answer}}" }\n`,
    );
    const r = await runPipeline(file, 'broken-csv');
    expect(r.result.code).toBe(0);
    expect(r.lines).toHaveLength(3);
    expect(r.rejects.map((x) => [x.code, (x.source as { line: number }).line])).toEqual([
      ['csv_quote', 3],
      ['csv_column_count', 5],
    ]);
    for (const reject of r.rejects) expect(reject).toMatchObject({ step: 'read-csv', source: { file: csv } });
  });

  it('a missing input file stops the run with one line and exit 2', async () => {
    const file = join(dir, 'missing.yaml');
    await writeFile(file, 'name: missing\ndataset:\n  from: { use: read-json, with: { path: nowhere.json } }\n');
    const r = await runCli(['run', file, '--out', join(dir, 'missing')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nowhere\.json: input file not found/);
  });
});

import { access, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { EvaluationRecord } from '@tunekit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { makeTempDir, REPO_ROOT, removeDir } from './helpers/temp-dir.js';

let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('outcomes-');
});
afterAll(() => removeDir(dir));

const env = { ...process.env, OPENAI_API_KEY: undefined };

async function json<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

async function itemRows(out: string): Promise<Array<{ outputs: Record<string, { cached?: boolean }> }>> {
  return (await readFile(join(out, 'eval/items.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/** Four chat items, and the ids the evaluation gives them (`<file>:<line>`). */
async function items(): Promise<string[]> {
  const questions = ['What is a tort?', 'What is a contract?', 'What is hearsay?', 'What is a lien?'];
  const lines = questions.map((q) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: q },
        { role: 'assistant', content: 'Yes' },
      ],
    }),
  );
  await writeFile(join(dir, 'items.jsonl'), `${lines.join('\n')}\n`);
  return questions.map((_, i) => `items.jsonl:${i + 1}`);
}

describe('a sandbox run with training', () => {
  it('records the base model in report.json, and a rerun on a new sandbox port reuses every cached answer', async () => {
    const out = join(dir, 'legalbench');
    // pipelines/legalbench-en.yaml, polling the simulated job every 50 ms instead of every 10 s.
    const original = await readFile(join(REPO_ROOT, 'pipelines/legalbench-en.yaml'), 'utf8');
    const pipeline = join(dir, 'legalbench-en.yaml');
    await writeFile(
      pipeline,
      original
        .replaceAll('../data/', `${join(REPO_ROOT, 'data')}/`)
        .replace('max_cost_usd: 2 }', 'max_cost_usd: 2, poll_interval_ms: 50 }'),
    );
    expect(await readFile(pipeline, 'utf8')).toContain('poll_interval_ms: 50');
    const first = await runCli(['run', pipeline, '--out', out, '--sandbox', '--time-scale', '0.02'], env);
    expect(first.code, first.stderr).toBe(0);
    const report = await json<{ training?: { model?: string; baseModel?: string } }>(join(out, 'report.json'));
    expect(report.training?.model).toMatch(/^ft:gpt-4o-mini-2024-07-18:sandbox:legalbench-yes-no:/);
    expect(report.training?.baseModel).toBe('gpt-4o-mini-2024-07-18');
    const md = await readFile(join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/Training: ft:\S+ from gpt-4o-mini-2024-07-18, /);
    expect(md).not.toContain('from ?');
    expect((await itemRows(out)).some((row) => row.outputs.tuned?.cached === false)).toBe(true);

    // The built-in sandbox listens on a new port; the answers of the first run are found again.
    const again = await runCli(['run', pipeline, '--out', out, '--sandbox', '--only', 'evaluate'], env);
    expect(again.code, again.stderr).toBe(0);
    const rows = await itemRows(out);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      for (const output of Object.values(row.outputs)) expect(output.cached).toBe(true);
    }
  });
});

describe('an evaluation where a candidate got no output at all', () => {
  it('fails the run: exit 1, status failed, one line naming the candidate and the first error; reports written', async () => {
    await items();
    const pipeline = join(dir, 'all-fail.yaml');
    await writeFile(
      pipeline,
      [
        'name: all-fail',
        'evaluate:',
        '  data: items.jsonl',
        '  candidates:',
        '    - { name: tuned, model: "ft:gpt-4o-mini-2024-07-18:org:gone:abc123" }',
        '    - { name: base, model: gpt-4o-mini-2024-07-18 }',
        '  scorers: [exact]',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'run-all-fail');
    const { code, stderr } = await runCli(['run', pipeline, '--out', out, '--sandbox'], env);
    expect(code).toBe(1);
    const errors = stderr.split('\n').filter((line) => line.startsWith('tunekit: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^tunekit: evaluate: candidate `tuned` got no output for any of the 4 item\(s\); first error \(item items\.jsonl:1\): .*model_not_found/,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    const manifest = await json<{ status: string; error?: { message: string }; evaluate?: EvaluationRecord }>(
      join(out, 'manifest.json'),
    );
    expect(manifest.status).toBe('failed');
    expect(manifest.error?.message).toContain('candidate `tuned` got no output');
    // What the evaluation did is recorded with its error: the reports written and the summary.
    const evaluate = manifest.evaluate!;
    expect(evaluate.failure).toMatchObject({ code: 'PROVIDER_ERROR', message: manifest.error?.message });
    expect(evaluate.gatePassed).toBe(false);
    expect(evaluate.summary).toMatch(/^4 items × 2 candidates; 4 item\(s\) with generation errors/);
    expect(evaluate.reports?.map((r) => basename(r)).sort()).toEqual([
      'junit.xml',
      'report.html',
      'report.json',
      'report.md',
    ]);
    for (const report of ['report.json', 'report.md', 'report.html', 'junit.xml']) await access(join(out, report));
    expect(await readFile(join(out, 'report.md'), 'utf8')).toContain('tuned: no item scored, every one failed');
  });

  it('a split that left validation empty: the warning says why, the evaluation error points at it', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => JSON.stringify({ q: `Clause ${i}?`, a: 'Yes', doc: 'one' }));
    await writeFile(join(dir, 'one-group.jsonl'), `${rows.join('\n')}\n`);
    const pipeline = join(dir, 'one-group.yaml');
    await writeFile(
      pipeline,
      [
        'name: one-group',
        'dataset:',
        '  from: { use: read-jsonl, with: { path: one-group.jsonl } }',
        '  steps:',
        '    - use: to-chat',
        '      with: { user: "{{q}}", assistant: "{{a}}", group: "{{doc}}" }',
        '    - use: split',
        '      with: { seed: 0 }',
        'evaluate:',
        '  data: validation',
        '  candidates:',
        '    - { name: base, model: gpt-4o-mini-2024-07-18 }',
        '  scorers: [exact]',
        '',
      ].join('\n'),
    );
    const { code, stderr } = await runCli(['run', pipeline, '--out', join(dir, 'run-one-group'), '--sandbox'], env);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'tunekit: warning: split: validation is empty: all 12 examples are in one group (`one`), which went to train whole',
    );
    const errors = stderr.split('\n').filter((l) => l.startsWith('tunekit: ') && !l.startsWith('tunekit: warning'));
    expect(errors.filter((line) => !line.endsWith('…'))).toEqual([
      expect.stringMatching(
        /validation\.jsonl — the dataset section wrote no validation\.jsonl: its split left validation empty \(the split step's warning says why\)/,
      ),
    ]);
  });

  it('partial failures keep the run succeeding, with the warning', async () => {
    const ids = await items();
    await writeFile(
      join(dir, 'outputs.jsonl'),
      `${ids
        .slice(0, 2)
        .map((id) => JSON.stringify({ id, output: 'Yes' }))
        .join('\n')}\n`,
    );
    const pipeline = join(dir, 'partial.yaml');
    await writeFile(
      pipeline,
      [
        'name: partial',
        'evaluate:',
        '  data: items.jsonl',
        '  candidates:',
        '    - { name: offline, outputs: outputs.jsonl }',
        '    - { name: base, model: gpt-4o-mini-2024-07-18 }',
        '  scorers: [exact]',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'run-partial');
    const { code, stdout, stderr } = await runCli(['run', pipeline, '--out', out, '--sandbox'], env);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('2 item(s) with generation errors');
    expect((await json<{ status: string }>(join(out, 'manifest.json'))).status).toBe('succeeded');
  });
});

describe('an evaluation of outputs files only', () => {
  it('starts no sandbox and no report calls its figures simulated', async () => {
    const ids = await items();
    for (const [name, answer] of [
      ['ours.jsonl', 'Yes'],
      ['theirs.jsonl', 'No'],
    ] as const)
      await writeFile(join(dir, name), `${ids.map((id) => JSON.stringify({ id, output: answer })).join('\n')}\n`);
    const pipeline = join(dir, 'offline-only.yaml');
    await writeFile(
      pipeline,
      [
        'name: offline-only',
        'evaluate:',
        '  data: items.jsonl',
        '  candidates:',
        '    - { name: ours, outputs: ours.jsonl }',
        '    - { name: theirs, outputs: theirs.jsonl }',
        '  compare: { baseline: theirs }',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'run-offline-only');
    const { code, stdout, stderr } = await runCli(['run', pipeline, '--out', out], env);
    expect(code, stderr).toBe(0);
    expect(`${stdout}\n${stderr}`).not.toMatch(/sandbox/i);
    expect(await readFile(join(out, 'report.md'), 'utf8')).not.toMatch(/sandbox/i);
    expect((await json<{ meta: { sandbox: boolean } }>(join(out, 'report.json'))).meta.sandbox).toBe(false);
  });
});

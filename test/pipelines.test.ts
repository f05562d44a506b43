import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { makeTempDir, REPO_ROOT, removeDir } from './helpers/temp-dir.js';

let dir: string;
const FAKE_KEY = 'fake_tunekit_test_DO_NOT_LEAK_0123456789abcdef';

beforeAll(async () => {
  dir = await makeTempDir('pipelines-');
});
afterAll(() => removeDir(dir));

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

function balanced(ledger: { in: number; out: number; rejected: number; discarded: number }[]): boolean {
  return ledger.every((s) => s.in === s.out + s.rejected + s.discarded || s.out > s.in);
}

describe('example pipelines end to end (CLI, sandbox)', () => {
  it('toy-chat: the cookbook toy file becomes a run folder with a manifest and its ledger', async () => {
    const out = join(dir, 'toy');
    const { code, stdout } = await runCli(['run', join(REPO_ROOT, 'pipelines/toy-chat.yaml'), '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain('ledger balanced');
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('succeeded');
    expect(manifest.ledger[0]).toEqual({ step: 'read-jsonl', in: 5, out: 5, rejected: 0, discarded: 0 });
    const toy = await readFile(join(REPO_ROOT, 'data/openai-cookbook/toy_chat_fine_tuning.jsonl'));
    expect(manifest.inputs).toHaveLength(1);
    expect(manifest.inputs[0]).toMatchObject({
      sha256: createHash('sha256').update(toy).digest('hex'),
      bytes: toy.length,
    });
    expect(manifest.outputs.train.lines + (manifest.outputs.validation?.lines ?? 0)).toBe(5);
  });

  it('the flagship: statutes → train → evaluate → reports, offline, with no key in any file', async () => {
    const out = join(dir, 'flagship');
    const env = { ...process.env, OPENAI_API_KEY: FAKE_KEY };
    const { code, stdout, stderr } = await runCli(
      ['run', join(REPO_ROOT, 'pipelines/legal-zh-flagship.yaml'), '--out', out, '--sandbox'],
      env,
    );
    expect(stderr).toContain('sandbox: simulated models');
    expect(code).toBe(0);
    expect(stdout).toMatch(/train\s+succeeded: ft:gpt-4o-mini-2024-07-18:[^:]*:consumer-law:/);
    expect(stdout).toMatch(/evaluate\s+\d+ items × 3 candidates; gate passed/);
    expect(stdout).toMatch(
      /\n {10}\$[\d.]+ of model requests at catalog prices \(judges \$[\d.]+\), \$[\d.]+ paid in this run\n/,
    );
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    const cost = manifest.evaluate.cost;
    expect(cost.judgesUsd).toBeGreaterThan(0);
    expect(cost.spentUsd).toBeGreaterThan(0);
    expect(cost.spentUsd).toBeLessThanOrEqual(cost.candidatesUsd + cost.judgesUsd + 1e-9);
    expect(manifest.sandbox).toBe(true);
    expect(balanced(manifest.ledger)).toBe(true);
    expect(manifest.estimate.chargedTokens).toBeGreaterThan(0);
    expect(manifest.train.result.status).toBe('succeeded');
    for (const report of ['report.html', 'report.md', 'report.json', 'junit.xml']) {
      expect(manifest.evaluate.reports.some((r: string) => r.endsWith(report))).toBe(true);
    }
    expect(await readFile(join(out, 'report.md'), 'utf8')).toContain('sandbox: simulated models');
    for (const file of await filesUnder(out)) {
      expect((await readFile(file)).includes(FAKE_KEY), `${file} contains the API key`).toBe(false);
    }

    // One phase on the existing run folder: the tuned model comes from the manifest, the answers from the cache.
    const again = await runCli(
      ['run', join(REPO_ROOT, 'pipelines/legal-zh-flagship.yaml'), '--out', out, '--sandbox', '--only', 'evaluate'],
      env,
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/evaluate\s+\d+ items × 3 candidates; gate passed/);
    const rerun = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    // Everything came from the cache: the same cost at catalog prices, nothing paid.
    expect(rerun.evaluate.cost).toEqual({
      candidatesUsd: expect.closeTo(cost.candidatesUsd, 12),
      judgesUsd: expect.closeTo(cost.judgesUsd, 12),
      spentUsd: 0,
    });
    expect(rerun.train.result.model).toBe(manifest.train.result.model);
    expect(rerun.ledger).toEqual(manifest.ledger);
  });

  it('the English LegalBench pipeline classifies, trains and compares', async () => {
    const out = join(dir, 'legalbench');
    const { code, stdout } = await runCli([
      'run',
      join(REPO_ROOT, 'pipelines/legalbench-en.yaml'),
      '--out',
      out,
      '--sandbox',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('15 read → 15 written');
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.candidates.map((c: { name: string }) => c.name)).toEqual([
      'tuned',
      'gpt-4o 3-shot',
      'base gpt-4o-mini',
    ]);
    expect(report.comparisons.length).toBeGreaterThan(0);
  });
});

import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { makeTempDir, removeDir, SHARED_DATA } from './helpers/temp-dir.js';

let dir: string;

async function pipelineFile(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

beforeAll(async () => {
  dir = await makeTempDir('errors-');
});
afterAll(() => removeDir(dir));

describe('bad pipeline files: one line naming file:line:column, exit 2', () => {
  it('malformed YAML', async () => {
    const file = await pipelineFile('bad-yaml.yaml', 'name: x\ndataset:\n  from: { use: read-jsonl\n  steps: []\n');
    const { code, stderr } = await runCli(['validate', file]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/bad-yaml\.yaml:\d+:\d+: invalid YAML/);
  });

  it('an unknown step suggests the closest id', async () => {
    const file = await pipelineFile(
      'unknown-step.yaml',
      'name: x\ndataset:\n  from: { use: read-jsonl, with: { path: a.jsonl } }\n  steps:\n    - use: tokn-budget\n',
    );
    const { code, stderr } = await runCli(['validate', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown-step.yaml:5:12: unknown plugin `tokn-budget` — did you mean `token-budget`?');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a wrong option type points at the option', async () => {
    const file = await pipelineFile(
      'wrong-type.yaml',
      'name: x\ndataset:\n  from:\n    use: read-jsonl\n    with:\n      path: 42\n',
    );
    const { code, stderr } = await runCli(['validate', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/wrong-type\.yaml:6:13: read-jsonl: `path`: /);
  });

  it('an unknown encoding and a broken template fail at load time, not when the run reaches them', async () => {
    const encoding = await pipelineFile(
      'encoding.yaml',
      'name: x\ndataset:\n  from: { use: read-csv, with: { path: a.csv, encoding: klingon } }\n',
    );
    const template = await pipelineFile(
      'template.yaml',
      'name: x\ndataset:\n  from: { use: read-csv, with: { path: a.csv } }\n  steps:\n    - use: to-chat\n      with: { user: "{{q", assistant: "{{a}}" }\n',
    );
    const bad = await runCli(['validate', encoding]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(
      'encoding.yaml:3:57: read-csv: `encoding`: unknown encoding "klingon": use e.g. utf-8, utf-16le, gbk, gb18030',
    );
    const broken = await runCli(['validate', template]);
    expect(broken.code).toBe(2);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).toContain('template.yaml:6:21: to-chat: `user`: unbalanced braces in template "{{q"');
  });

  it('an unknown top-level key suggests the right one', async () => {
    const file = await pipelineFile(
      'typo.yaml',
      'name: x\ndatset:\n  from: { use: read-jsonl, with: { path: a.jsonl } }\n',
    );
    const { code, stderr } = await runCli(['validate', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('typo.yaml:2:1: unknown key `datset` — did you mean `dataset`?');
  });

  it('an unknown ${{ }} reference fails at load time', async () => {
    const file = await pipelineFile(
      'ref.yaml',
      'name: x\ndataset:\n  from: { use: read-jsonl, with: { path: "${{ trian.model }}" } }\n',
    );
    const { code, stderr } = await runCli(['validate', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /ref\.yaml:3:42: unknown reference `\$\{\{ trian\.model \}\}` — did you mean `train\.model`\?/,
    );
  });

  it('an unset environment variable is named', async () => {
    const file = await pipelineFile(
      'env.yaml',
      'name: x\ndataset:\n  from: { use: read-jsonl, with: { path: "${{ env.TUNEKIT_NOT_SET }}" } }\n',
    );
    const { code, stderr } = await runCli(['validate', file], { ...process.env, TUNEKIT_NOT_SET: undefined });
    expect(code).toBe(2);
    expect(stderr).toMatch(/env\.yaml:3:42: environment variable TUNEKIT_NOT_SET is not set/);
  });

  it('${{ train.model }} without a train section is an error', async () => {
    const file = await pipelineFile(
      'no-train.yaml',
      'name: x\nevaluate:\n  candidates:\n    - { name: t, model: "${{ train.model }}" }\n',
    );
    const { code, stderr } = await runCli(['validate', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no-train\.yaml:4:25: .*needs a `train:` section/);
  });

  it('a missing input file stops the run with one line', async () => {
    const file = await pipelineFile(
      'missing.yaml',
      'name: missing\ndataset:\n  from: { use: read-jsonl, with: { path: nowhere.jsonl } }\n',
    );
    const { code, stderr } = await runCli(['run', file, '--out', join(dir, 'run-missing')]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('nowhere.jsonl');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing pipeline file', async () => {
    const { code, stderr } = await runCli(['validate', join(dir, 'nope.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nope\.yaml: cannot read pipeline: no such file/);
  });

  it('a valid pipeline passes', async () => {
    const toy = join(SHARED_DATA, 'openai-cookbook/toy_chat_fine_tuning.jsonl');
    const file = await pipelineFile(
      'ok.yaml',
      `name: ok\ndataset:\n  from: { use: read-jsonl, with: { path: ${JSON.stringify(toy)} } }\n`,
    );
    const { code, stdout } = await runCli(['validate', file]);
    expect(stdout).toContain('ok — ok: 1 source(s), 0 step(s)');
    expect(code).toBe(0);
  });

  it('--workers: not a positive integer is a usage error; more than the cores is capped, with a warning', async () => {
    const toy = join(SHARED_DATA, 'openai-cookbook/toy_chat_fine_tuning.jsonl');
    const file = await pipelineFile(
      'workers.yaml',
      `name: workers\ndataset:\n  from: { use: read-jsonl, with: { path: ${JSON.stringify(toy)} } }\n`,
    );
    for (const bad of ['0', '1.5', 'two']) {
      const { code, stderr } = await runCli(['run', file, '--out', join(dir, 'w-bad'), '--workers', bad]);
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toEqual([`tunekit: --workers must be a positive integer, got \`${bad}\``]);
    }
    const many = await runCli(['run', file, '--out', join(dir, 'w-many'), '--workers', '1000', '--json']);
    expect(many.code, many.stderr).toBe(0);
    expect(many.stderr).toContain(
      `--workers 1000 is more than the ${availableParallelism()} cores here: using ${availableParallelism()}`,
    );
  });
});

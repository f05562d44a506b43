import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { makeTempDir, removeDir, SHARED_DATA } from './helpers/temp-dir.js';

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('init-');
});
afterAll(() => removeDir(dir));

describe('tunekit init', () => {
  it('writes a commented starter from a CSV file that validates and runs', async () => {
    const out = join(dir, 'mcq.yaml');
    const init = await runCli(['init', '--from', join(SHARED_DATA, 'disc-lawllm/mcq_sing_lbk.csv'), '--out', out]);
    expect(init.code).toBe(0);
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(out, 'utf8');
    expect(text).toContain('use: read-csv');
    expect(text).toContain('user: "{{input}}"');
    expect(text).toContain('assistant: "{{output}}"');
    expect(text).toMatch(/^# /m);
    expect((await runCli(['validate', out])).code).toBe(0);
    const run = await runCli(['run', out, '--out', join(dir, 'run')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('275 read');
  });

  it('recognises chat JSONL and says so', async () => {
    const { stdout, code } = await runCli([
      'init',
      '--from',
      join(SHARED_DATA, 'openai-cookbook/toy_chat_fine_tuning.jsonl'),
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('use: read-jsonl');
    expect(stdout).toContain('already are OpenAI chat lines');
  });

  it('a missing file is one line, exit 2', async () => {
    const { code, stderr } = await runCli(['init', '--from', join(dir, 'nope.csv')]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

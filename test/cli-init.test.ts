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

  it('a binary or UTF-16 file is one line, exit 2, and no pipeline of garbage columns is printed', async () => {
    const { writeFile } = await import('node:fs/promises');
    const binary = join(dir, 'export.csv');
    await writeFile(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x2c, 0xc3, 0x28, 0x0a]));
    const utf16 = join(dir, 'wide.csv');
    await writeFile(utf16, Buffer.from('\uFEFFquestion,answer\nq,a\n', 'utf16le'));
    for (const file of [binary, utf16]) {
      const { code, stdout, stderr } = await runCli(['init', '--from', file]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `tunekit: ${file}: is not UTF-8 text (a binary file, or UTF-16) — init reads the columns of a UTF-8 CSV or JSON Lines file\n`,
      );
    }
  });
});

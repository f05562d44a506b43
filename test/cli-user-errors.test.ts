import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCli } from './helpers/run-cli.js';
import { makeTempDir, REPO_ROOT, removeDir, SHARED_DATA } from './helpers/temp-dir.js';

/** The project rule for a user's mistake: one line `tunekit: ...`, exit 2, no "internal error", no stack. */
function expectUserError(run: CliRun, pattern?: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^tunekit: /);
  expect(run.stderr).not.toContain('internal error');
  if (pattern) expect(run.stderr).toMatch(pattern);
}

const BIN = join(REPO_ROOT, 'packages/cli/dist/bin.js');

/**
 * `tunekit sandbox` serves until a signal: run it as a child process, and stop it if it started (which is the bug).
 */
async function sandboxCli(args: string[]): Promise<CliRun & { started: boolean }> {
  const child = spawn(process.execPath, [BIN, 'sandbox', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let started = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('listening on')) {
      started = true;
      child.kill('SIGTERM');
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code: code ?? -1, stdout, stderr, started };
}

const TOY = join(SHARED_DATA, 'openai-cookbook/toy_chat_fine_tuning.jsonl');

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('user-errors-');
});
afterAll(() => removeDir(dir));

describe('tunekit init --out', () => {
  it('refuses to overwrite an existing file without --force, and keeps it', async () => {
    const target = join(dir, 'keep.yaml');
    await writeFile(target, 'keep\n');
    const run = await runCli(['init', '-o', target]);
    expectUserError(run, /keep\.yaml.*exists.*--force/);
    expect(run.stdout).toBe('');
    expect(await readFile(target, 'utf8')).toBe('keep\n');
  });

  it('overwrites it with --force', async () => {
    const target = join(dir, 'forced.yaml');
    await writeFile(target, 'old\n');
    const run = await runCli(['init', '-o', target, '--force']);
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(target, 'utf8')).toContain('use: read-csv');
  });

  it('documents --force in its help', async () => {
    const help = await runCli(['init', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--force\s+\S/);
  });

  it('refuses a folder as the output, and leaves no temporary file behind', async () => {
    const folder = join(dir, 'existing-folder');
    await mkdir(folder);
    expectUserError(await runCli(['init', '-o', folder]), /existing-folder.*folder/);
    expectUserError(await runCli(['init', '-o', folder, '--force']), /existing-folder.*folder/);
    expect((await readdir(dir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses an output under a regular file', async () => {
    const file = join(dir, 'plain-file');
    await writeFile(file, 'x');
    expectUserError(await runCli(['init', '-o', join(file, 'p.yaml')]), /plain-file.*not a folder/);
  });

  it('--from a folder is one line, exit 2', async () => {
    expectUserError(await runCli(['init', '--from', dir]), /folder/);
  });
});

describe('tunekit run --out', () => {
  it('refuses a regular file as the run folder before any work', async () => {
    const file = join(dir, 'afile');
    await writeFile(file, 'mine\n');
    const pipeline = join(dir, 'toy.yaml');
    await writeFile(
      pipeline,
      `name: toy\ndataset:\n  from: { use: read-jsonl, with: { path: ${JSON.stringify(TOY)} } }\n  steps:\n    - use: validate\n`,
    );
    const run = await runCli(['run', pipeline, '--out', file]);
    expectUserError(run, /afile.*not a folder/);
    expect(run.stdout).not.toContain('dataset');
    expect(await readFile(file, 'utf8')).toBe('mine\n');
    expectUserError(await runCli(['run', pipeline, '--out', join(file, 'sub')]), /afile.*not a folder/);
  });

  it("a file where the run folder's sandbox state goes is one line, exit 2", async () => {
    const out = join(dir, 'run-with-file-state');
    await mkdir(out);
    await writeFile(join(out, 'sandbox-state'), 'x');
    const run = await runCli(['run', join(REPO_ROOT, 'pipelines/legal-zh-flagship.yaml'), '--out', out, '--sandbox']);
    expectUserError(run, /sandbox-state.*not a folder/);
  });

  it('a folder where the run writes a file (manifest.json, train.jsonl) is one line, exit 2', async () => {
    const pipeline = join(dir, 'toy.yaml');
    for (const name of ['manifest.json', 'train.jsonl']) {
      const out = join(dir, `run-with-folder-${name}`);
      await mkdir(join(out, name), { recursive: true });
      expectUserError(
        await runCli(['run', pipeline, '--out', out]),
        new RegExp(`${name}: is a folder where tunekit writes a file`),
      );
    }
  });

  it('--only a phase the pipeline does not have is one line, exit 2, and writes nothing', async () => {
    const pipeline = join(dir, 'data-only.yaml');
    await writeFile(
      pipeline,
      `name: data-only\ndataset:\n  from: { use: read-jsonl, with: { path: ${JSON.stringify(TOY)} } }\n`,
    );
    const out = join(dir, 'run-only-missing');
    for (const phase of ['train', 'evaluate']) {
      const run = await runCli(['run', pipeline, '--out', out, '--only', phase]);
      expectUserError(run);
      expect(run.stderr).toMatch(
        new RegExp(
          `^tunekit: \\S*data-only\\.yaml: --only ${phase}: the pipeline has no ${phase}: section — it has dataset:\\n$`,
        ),
      );
    }
    await expect(readdir(out)).rejects.toThrow();
  });

  it('a run folder another live run is using is one line, exit 2, and its files are left alone', async () => {
    const pipeline = join(dir, 'toy.yaml');
    const out = join(dir, 'run-locked');
    await mkdir(out, { recursive: true });
    // The parent of this test process stands in for another `tunekit run`: it is alive.
    await writeFile(join(out, '.tunekit-run.lock'), `${process.ppid}\n`);
    const run = await runCli(['run', pipeline, '--out', out]);
    expectUserError(run, new RegExp(`another tunekit run \\(process ${process.ppid}\\) is using this run folder`));
    expect(await readdir(out)).toEqual(['.tunekit-run.lock']);
  });

  it('rejects a --time-scale that is not a positive number of at most 1000', async () => {
    const pipeline = join(dir, 'toy.yaml');
    for (const value of ['abc', '0', '-1', '', '1e9'])
      expectUserError(await runCli(['run', pipeline, '--time-scale', value]), /--time-scale/);
  });

  it('rejects a --workers that is not a positive integer', async () => {
    const pipeline = join(dir, 'toy.yaml');
    for (const value of ['abc', '0', '1.5', '2.5', '1e1', '-2'])
      expectUserError(
        await runCli(['run', pipeline, '--workers', value]),
        new RegExp(`^tunekit: --workers must be a positive integer, got \`${value.replace('.', '\\.')}\`\n$`),
      );
  });
});

describe('tunekit sandbox options', () => {
  it.each([
    [['--port', '99999'], /--port/],
    [['--port', 'abc'], /--port/],
    [['--port', '1.5'], /--port/],
    [['--fail-rate', '2'], /--fail-rate/],
    [['--fail-rate', 'abc'], /--fail-rate/],
    [['--time-scale', 'abc'], /--time-scale/],
    [['--time-scale', '0'], /--time-scale/],
    [['--time-scale', '1e9'], /--time-scale must be a positive number of at most 1000, got `1e9`/],
    [['--rpm', '-1'], /--rpm/],
    [['--latency-ms', ''], /--latency-ms/],
  ])('%j is one line, exit 2, and the server does not start', async (args, pattern) => {
    const run = await sandboxCli(['--port', '0', ...args]);
    expect(run.started, run.stdout).toBe(false);
    expectUserError(run, pattern);
  });

  it('--data naming a file is one line, exit 2', async () => {
    const file = join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    const run = await sandboxCli(['--port', '0', '--data', file]);
    expect(run.started).toBe(false);
    expectUserError(run, /not-a-folder.*not a folder/);
    expect(await readFile(file, 'utf8')).toBe('x');
  });

  it('still starts with good values', async () => {
    const run = await sandboxCli([
      '--port',
      '0',
      '--fail-rate',
      '0.5',
      '--time-scale',
      '0.1',
      '--data',
      join(dir, 'sb'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.started).toBe(true);
  });
});

describe('tunekit inspect on a binary file', () => {
  const line = `${JSON.stringify({
    messages: [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'a' },
    ],
  })}\n`;

  it.each([
    ['train.jsonl.gz', () => gzipSync(line.repeat(20)), /gzip archive, not JSONL: decompress it first/],
    [
      'train.zip',
      () => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 7)]),
      /zip archive, not JSONL/,
    ],
    ['train.pdf', () => Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'), /PDF document, not JSONL/],
    [
      'train.bin',
      () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4000)]),
      /binary file, not JSONL/,
    ],
  ])('%s: says what the file is, in one line, exit 2', async (name, bytes, pattern) => {
    const file = join(dir, name);
    await writeFile(file, bytes());
    const run = await runCli(['inspect', file]);
    expectUserError(run, pattern);
    expect(run.stderr).not.toContain('UTF-16');
    expect(run.stderr).toContain(name);
  });

  it('still calls a UTF-16 file UTF-16', async () => {
    const file = join(dir, 'wide.jsonl');
    await writeFile(file, Buffer.from(line.repeat(3), 'utf16le'));
    expectUserError(await runCli(['inspect', file]), /UTF-16/);
  });
});

describe('tunekit report on a damaged report.json', () => {
  function validReport(): Record<string, unknown> {
    return {
      formatVersion: 1,
      meta: {
        pipeline: 'p',
        runId: 'r',
        createdAt: '2026-01-01T00:00:00.000Z',
        sandbox: true,
        toolVersion: '0.1.0',
        seeds: { bootstrap: 7 },
        items: 1,
      },
      candidates: [
        { name: 'a', model: 'gpt-4o-mini-2024-07-18', provider: 'openai', prompt: 'as is', isBaseline: false },
        { name: 'b', model: 'gpt-4o-2024-08-06', provider: 'openai', prompt: 'as is', isBaseline: true },
      ],
      scorers: [{ name: 'exact', kind: 'binary', description: 'exact match' }],
      summaries: [
        { candidate: 'a', scorer: 'exact', mean: 1, ci: { low: 1, high: 1 }, n: 1, errors: 0, passRate: 1 },
        { candidate: 'b', scorer: 'exact', mean: 0, ci: null, n: 1, errors: 0 },
      ],
      baseline: 'b',
      comparisons: [
        {
          candidate: 'a',
          baseline: 'b',
          scorer: 'exact',
          n: 1,
          diff: 1,
          ci: { low: 1, high: 1 },
          test: 'mcnemar-exact',
          pValue: 1,
          wins: 1,
          ties: 0,
          losses: 0,
        },
      ],
      gate: {
        metric: 'exact',
        non_inferiority_margin: 0.05,
        baseline: 'b',
        kind: 'non_inferiority',
        passed: true,
        checks: [{ candidate: 'a', passed: true, diff: 1, ci: { low: 1, high: 1 }, explanation: 'ok' }],
        explanation: 'ok',
      },
      economics: [
        {
          candidate: 'a',
          requests: 1,
          cacheHits: 0,
          tokensInPerRequest: 10,
          tokensOutPerRequest: 2,
          costPer1kUsd: 0.01,
          latencyP50Ms: 100,
          latencyP95Ms: 120,
          trainingCostUsd: 1,
          breakEvenRequests: null,
        },
        {
          candidate: 'b',
          requests: 1,
          cacheHits: 0,
          tokensInPerRequest: null,
          tokensOutPerRequest: null,
          costPer1kUsd: null,
          latencyP50Ms: null,
          latencyP95Ms: null,
        },
      ],
      training: { model: 'ft:x', costUsd: 1, loss: [{ step: 1, trainLoss: 1.5 }, { step: 2 }] },
      items: { file: 'eval/items.jsonl', count: 1 },
      extraKeyFromANewerTool: { kept: true },
    };
  }

  async function reportDir(name: string, damage: (report: Record<string, unknown>) => void): Promise<string> {
    const folder = join(dir, `report-${name}`);
    await mkdir(join(folder, 'eval'), { recursive: true });
    const report = validReport();
    damage(report);
    await writeFile(join(folder, 'report.json'), JSON.stringify(report));
    await writeFile(join(folder, 'eval/items.jsonl'), '');
    return folder;
  }

  it('accepts the report.json the engine writes (train, gate, economics): the flagship renders again', async () => {
    const out = join(dir, 'flagship');
    const run = await runCli(['run', join(REPO_ROOT, 'pipelines/legal-zh-flagship.yaml'), '--out', out, '--sandbox']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.training.loss.length).toBeGreaterThan(0);
    expect(report.gate).toBeDefined();
    const again = await runCli(['report', out, '--format', 'html,md,junit,json']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(JSON.parse(await readFile(join(out, 'report.json'), 'utf8'))).toEqual(report);
  });

  it('renders the undamaged report (extra keys are fine)', async () => {
    const folder = await reportDir('valid', () => {});
    const run = await runCli(['report', folder, '--format', 'html,md,junit,json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(join(folder, 'report.json'), 'utf8')).extraKeyFromANewerTool).toEqual({
      kept: true,
    });
  });

  it('takes report.json itself for its folder; a missing path or another file is one line, exit 2', async () => {
    const folder = await reportDir('by-file', () => {});
    const run = await runCli(['report', join(folder, 'report.json'), '--format', 'md']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('report.md');
    expectUserError(await runCli(['report', join(folder, 'nowhere')]), /nowhere: no such run folder —/);
    await writeFile(join(folder, 'notes.txt'), 'x');
    expectUserError(await runCli(['report', join(folder, 'notes.txt')]), /notes\.txt: is a file, not a run folder —/);
  });

  it.each([
    ['economics-null', (r: Record<string, unknown>) => Object.assign(r, { economics: null }), /`economics`/],
    ['summaries-object', (r: Record<string, unknown>) => Object.assign(r, { summaries: {} }), /`summaries`/],
    ['meta-empty', (r: Record<string, unknown>) => Object.assign(r, { meta: {} }), /`meta\.\w+`/],
    ['gate-string', (r: Record<string, unknown>) => Object.assign(r, { gate: 'x' }), /`gate`/],
    [
      'loss-string',
      (r: Record<string, unknown>) => Object.assign(r, { training: { loss: 'abc' } }),
      /`training\.loss`/,
    ],
    [
      'candidate-name',
      (r: Record<string, unknown>) => Object.assign(r, { candidates: [{ name: 3 }] }),
      /`candidates\[0\]\.name`/,
    ],
  ])('%s: one line naming report.json and the field, exit 2', async (name, damage, field) => {
    const folder = await reportDir(name, damage);
    for (const format of ['html', 'md', 'junit']) {
      const run = await runCli(['report', folder, '--format', format]);
      expectUserError(run, field);
      expect(run.stderr).toContain(join(folder, 'report.json'));
    }
  });

  it('a damaged per-item line: one line naming items.jsonl, the line and the field, exit 2', async () => {
    const folder = await reportDir('items', () => {});
    const row = {
      id: 'a',
      prompt: 'p',
      reference: 'r',
      outputs: { a: { output: 'x', scores: { exact: { score: 1 } } } },
    };
    const damaged = { ...row, outputs: { a: { output: 'x', scores: 'none' } } };
    await writeFile(join(folder, 'eval/items.jsonl'), `${JSON.stringify(row)}\n${JSON.stringify(damaged)}\n`);
    // The HTML page is what reads the item rows.
    const run = await runCli(['report', folder, '--format', 'html']);
    expectUserError(run, /damaged per-item result: `outputs\.a\.scores` must be an object, not "none"/);
    expect(run.stderr).toMatch(/items\.jsonl:2\b/);
    await writeFile(join(folder, 'eval/items.jsonl'), `${JSON.stringify(row)}\n`);
    expect((await runCli(['report', folder, '--format', 'html'])).code).toBe(0);
  });
});

describe('generated files are written only where they may be', () => {
  it('docs --write into a folder holding other Markdown refuses and deletes nothing', async () => {
    const folder = join(dir, 'my-notes');
    await mkdir(folder);
    await writeFile(join(folder, 'notes.md'), '# mine\n');
    await writeFile(join(folder, 'data.csv'), 'a,b\n');
    expectUserError(await runCli(['docs', '--write', folder]), /my-notes.*notes\.md/);
    expect((await readdir(folder)).sort()).toEqual(['data.csv', 'notes.md']);
  });

  it('docs --write replaces its own pages, removes its stale ones, and leaves other files', async () => {
    const folder = join(dir, 'reference');
    expect((await runCli(['docs', '--write', folder])).code).toBe(0);
    const stale = join(folder, 'steps/retired-step.md');
    await writeFile(stale, "<!-- Generated by `tunekit docs --write` from the plugins' zod schemas. -->\n# old\n");
    await writeFile(join(folder, 'keep.txt'), 'x');
    const again = await runCli(['docs', '--write', folder]);
    expect(again.code, again.stderr).toBe(0);
    expect(await readdir(join(folder, 'steps'))).not.toContain('retired-step.md');
    expect(await readdir(folder)).toContain('keep.txt');
    expect((await runCli(['docs', '--check', folder])).code).toBe(0);
  });

  it('schema --write naming a folder is one line, exit 2, with no temporary file left', async () => {
    const folder = join(dir, 'schema-folder');
    await mkdir(folder);
    expectUserError(await runCli(['schema', '--write', folder]), /schema-folder.*folder/);
    expect((await readdir(dir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});

describe('tunekit inspect on a file it cannot read', () => {
  /**
   * From the repo root, as a user types it. Root reads anything through its DAC capabilities, so as root the CLI runs
   * without them (util-linux's setpriv, on every Debian): a missing permission bites, yet the repo, which may sit in a
   * private temporary folder (a fresh clone), stays readable to its owner.
   */
  function inspectAsUser(file: string): CliRun {
    const cli = [process.execPath, BIN, 'inspect', file];
    const [command, ...args] =
      process.getuid?.() === 0 ? ['setpriv', '--bounding-set', '-dac_override,-dac_read_search', ...cli] : cli;
    const run = spawnSync(command as string, args, { cwd: REPO_ROOT, encoding: 'utf8' });
    return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
  }

  it('names the file in one line, exit 2: no permission, a folder, missing', async () => {
    const open = join(dir, 'readable-folder');
    await mkdir(open);
    const locked = join(open, 'locked.jsonl');
    await writeFile(locked, `${JSON.stringify({ messages: [{ role: 'user', content: 'q' }] })}\n`);
    await chmod(locked, 0o000);
    expectUserError(inspectAsUser(locked), new RegExp(`^tunekit: ${locked}: cannot read it: permission denied\\n$`));
    expectUserError(inspectAsUser(open), new RegExp(`^tunekit: ${open}: is a folder, not a file\\n$`));
    const missing = join(open, 'missing.jsonl');
    expectUserError(inspectAsUser(missing), new RegExp(`^tunekit: ${missing}: file not found\\n$`));
    // A folder on the path that the user may not enter: permission denied, not "not found".
    const shut = join(dir, 'shut-folder');
    await mkdir(shut);
    await writeFile(join(shut, 'train.jsonl'), '{}\n');
    await chmod(shut, 0o000);
    const behind = join(shut, 'train.jsonl');
    try {
      expectUserError(inspectAsUser(behind), new RegExp(`^tunekit: ${behind}: cannot read it: permission denied\\n$`));
    } finally {
      await chmod(shut, 0o755);
    }
  });
});

describe("commander's own errors", () => {
  it('are one line `tunekit: …`, exit 2, like every user error', async () => {
    const cases: [string[], string][] = [
      [['run', 'x.yaml', '--workers'], "tunekit: option '--workers <n>' argument missing"],
      [['run'], "tunekit: missing required argument 'pipeline'"],
      [['inspect', 'a', 'b'], "tunekit: too many arguments for 'inspect'. Expected 1 argument but got 2."],
      [['runn'], "tunekit: unknown command 'runn' (did you mean run?)"],
      [['help', 'runn'], "tunekit: unknown command 'runn' (did you mean run?)"],
      [['run', 'x.yaml', '--wrokers', '2'], "tunekit: unknown option '--wrokers' (did you mean --workers?)"],
      [
        ['run', 'x.yaml', '--only', 'tran'],
        "tunekit: option '--only <phase>' argument 'tran' is invalid. Allowed choices are dataset, train, evaluate.",
      ],
    ];
    for (const [args, line] of cases) {
      const run = await runCli(args);
      expectUserError(run);
      expect(run.stderr).toBe(`${line}\n`);
    }
  });
});

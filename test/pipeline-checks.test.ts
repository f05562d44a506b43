import { access, mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadPipeline } from '@tunekit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { makeTempDir, removeDir, SHARED_DATA } from './helpers/temp-dir.js';

let dir: string;
const TOY = JSON.stringify(join(SHARED_DATA, 'openai-cookbook/toy_chat_fine_tuning.jsonl'));

/** Writes a pipeline file; returns its name as messages show it (relative to the working directory). */
async function pipelineFile(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return relative(process.cwd(), path);
}

/** `tunekit validate`: exit 2 and exactly one line, `tunekit: <file>:<line>:<column>: <message>`. */
async function refused(file: string): Promise<string> {
  const { code, stdout, stderr } = await runCli(['validate', file]);
  expect(stdout).toBe('');
  expect(code, stderr).toBe(2);
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

beforeAll(async () => {
  dir = await makeTempDir('checks-');
});
afterAll(() => removeDir(dir));

describe('validate refuses what run would refuse later, at file:line:column', () => {
  it('a trainer provider that no `providers:` entry declares', async () => {
    const file = await pipelineFile('azur.yaml', [
      'name: x',
      'providers:',
      '  azure: { api_key_env: K, azure: { endpoint: https://a.openai.azure.com, api_version: v1 } }',
      'dataset:',
      `  from: { use: read-jsonl, with: { path: ${TOY} } }`,
      'train:',
      '  use: trainer-openai',
      '  with: { provider: azur }',
    ]);
    expect(await refused(file)).toBe(
      `tunekit: ${file}:8:21: trainer-openai: \`provider\`: no provider named \`azur\` — did you mean \`azure\`? — known providers: openai, azure`,
    );
  });

  it('a candidate on an undeclared provider, with how to declare one', async () => {
    const file = await pipelineFile('local.yaml', [
      'name: x',
      'evaluate:',
      `  data: { path: ${TOY} }`,
      '  candidates:',
      '    - { name: a, model: gpt-4o, provider: local }',
    ]);
    const line = await refused(file);
    expect(line).toContain(`${file}:5:43: evaluate: \`provider\`: no provider named \`local\``);
    expect(line).toContain('declare it under `providers:`');
  });

  it('judges name providers too; `openai` and declared ones pass', async () => {
    const judge = await pipelineFile('judge.yaml', [
      'name: x',
      'providers: { local: { base_url: "http://127.0.0.1:9/v1" } }',
      'evaluate:',
      `  data: { path: ${TOY} }`,
      '  candidates:',
      '    - { name: a, model: gpt-4o, provider: local }',
      '    - { name: b, model: gpt-4o, provider: openai }',
      '  scorers: [exact, { judge: { rubric: ok?, provider: locl } }]',
    ]);
    expect(await refused(judge)).toContain(
      `${judge}:8:54: evaluate: \`provider\`: no provider named \`locl\` — did you mean \`local\`?`,
    );
  });

  it('evaluation data that does not exist and is no dataset output', async () => {
    const file = await pipelineFile('nope.yaml', [
      'name: x',
      'evaluate:',
      '  data: nope.jsonl',
      '  candidates:',
      '    - { name: a, model: gpt-4o }',
    ]);
    const line = await refused(file);
    expect(line).toContain(`${file}:3:9: evaluate: \`data\`: nope.jsonl: file not found`);
    expect(line).toContain('`validation` and `train` name the dataset section');
  });

  it('evaluation data or outputs that name a folder: one line at the key, not an EISDIR in the run', async () => {
    await mkdir(join(dir, 'items-folder'), { recursive: true });
    const data = await pipelineFile('folder-data.yaml', [
      'name: x',
      'evaluate:',
      '  data: items-folder',
      '  candidates:',
      '    - { name: a, model: gpt-4o }',
    ]);
    expect(await refused(data)).toBe(`tunekit: ${data}:3:9: evaluate: \`data\`: items-folder: is a folder, not a file`);
    const outputs = await pipelineFile('folder-outputs.yaml', [
      'name: x',
      'evaluate:',
      `  data: ${TOY}`,
      '  candidates:',
      '    - { name: a, outputs: items-folder }',
    ]);
    expect(await refused(outputs)).toMatch(/:5:27: evaluate: `outputs`: items-folder: is a folder, not a file$/);
  });

  it('an unclosed ${{ is an error, not a literal model name', async () => {
    const file = await pipelineFile('unclosed.yaml', [
      'name: x',
      'dataset:',
      `  from: { use: read-jsonl, with: { path: ${TOY} } }`,
      'train: { use: trainer-openai }',
      'evaluate:',
      '  candidates:',
      '    - { name: a, model: "${{train.model" }',
    ]);
    expect(await refused(file)).toBe(
      `tunekit: ${file}:7:25: unclosed \`\${{\` in "\${{train.model": expected \`}}\`, as in \`\${{ train.model }}\``,
    );
  });

  it('an empty scorer list', async () => {
    const file = await pipelineFile('no-scorers.yaml', [
      'name: x',
      'evaluate:',
      `  data: { path: ${TOY} }`,
      '  candidates:',
      '    - { name: a, model: gpt-4o }',
      '  scorers: []',
    ]);
    expect(await refused(file)).toContain(`${file}:6:12: evaluate: \`scorers\`: list at least one scorer`);
  });

  it('an unknown target model without prices, as `inspect --model` refuses it; with prices it passes', async () => {
    const lines = ['name: x', 'model: gpt-9000', 'dataset:', `  from: { use: read-jsonl, with: { path: ${TOY} } }`];
    const file = await pipelineFile('gpt-9000.yaml', lines);
    const line = await refused(file);
    expect(line).toContain(`${file}:2:8: unknown model "gpt-9000"`);
    expect(line).toContain('under `prices:` in the pipeline, e.g. prices: { "gpt-9000": {');
    const inspect = await runCli(['inspect', JSON.parse(TOY), '--model', 'gpt-9000']);
    expect(inspect.code).toBe(2);
    expect(inspect.stderr).toMatch(/^tunekit: unknown model gpt-9000; /);

    // A data-only run needs the model for its token limits and cost estimate: refused before the dataset phase.
    const out = join(dir, 'run-gpt-9000');
    const run = await runCli(['run', file, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([line]);
    await expect(access(join(out, 'manifest.json'))).rejects.toThrow();

    const priced = await pipelineFile('gpt-9000-priced.yaml', [
      ...lines,
      'prices: { gpt-9000: { encoding: o200k_base, exampleTokenLimit: 65536, training: 3, input: 0.3, output: 1.2 } }',
    ]);
    const ok = await runCli(['validate', priced]);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('a missing source file points at its `path:`; globs are left to the source', async () => {
    const single = await pipelineFile('missing.yaml', [
      'name: x',
      'dataset:',
      '  from: { use: read-jsonl, with: { path: nowhere.jsonl } }',
    ]);
    const line = await refused(single);
    expect(line).toContain(`${single}:3:42: read-jsonl: \`path\`: nowhere.jsonl: input file not found`);
    const listed = await pipelineFile('missing-list.yaml', [
      'name: x',
      'dataset:',
      '  from:',
      '    - use: read-jsonl',
      `      with: { path: [${TOY}, nowhere.jsonl] }`,
    ]);
    expect(await refused(listed)).toContain(
      `${listed}:5:${24 + TOY.length}: read-jsonl: \`path\`: nowhere.jsonl: input file not found`,
    );
    // `run --only train|evaluate` works from the run folder: the sources' files are not needed then.
    await expect(loadPipeline(single, { only: 'evaluate' })).resolves.toMatchObject({
      sources: [{ use: 'read-jsonl' }],
    });
    await expect(loadPipeline(single, { only: 'dataset' })).rejects.toThrow(/nowhere\.jsonl: input file not found/);
    const glob = await pipelineFile('glob.yaml', [
      'name: x',
      'dataset:',
      '  from: { use: read-legal, with: { path: "statutes/*.md" } }',
    ]);
    const globbed = await runCli(['validate', glob]);
    expect(globbed.code, globbed.stderr).toBe(0);
  });
});

describe('YAML that the library refuses in its own words', () => {
  it('an alias bomb is one line, exit 2, not an internal error', async () => {
    const lines = ['name: x', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    let previous = 'a';
    for (let i = 0; i < 9; i++) {
      lines.push(`n${i}: &n${i} [${Array.from({ length: 9 }, () => `*${previous}`).join(',')}]`);
      previous = `n${i}`;
    }
    const file = await pipelineFile('bomb.yaml', lines);
    const { code, stderr } = await runCli(['validate', file]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([`tunekit: ${file}: too many YAML aliases`]);
  });

  it('an alias without its anchor points at the alias', async () => {
    const file = await pipelineFile('alias.yaml', ['name: x', 'description: *nope']);
    expect(await refused(file)).toBe(
      `tunekit: ${file}:2:14: invalid YAML: alias \`*nope\` has no anchor \`&nope\` before it`,
    );
  });

  it('two documents in one file', async () => {
    const dashes = await pipelineFile('two.yaml', ['name: x', '---', 'name: y']);
    expect(await refused(dashes)).toBe(
      `tunekit: ${dashes}:2:1: one YAML document per pipeline file (found a second \`---\` at line 2)`,
    );
    const dots = await pipelineFile('two-dots.yaml', ['name: x', '...', 'name: y']);
    expect(await refused(dots)).toBe(
      `tunekit: ${dots}:3:1: one YAML document per pipeline file (found a second document at line 3)`,
    );
  });
});

describe('what an option expected, instead of "Invalid input"', () => {
  it('an unknown scorer names the closest and the known ones', async () => {
    const file = await pipelineFile('scorer.yaml', [
      'name: x',
      'evaluate:',
      `  data: { path: ${TOY} }`,
      '  candidates:',
      '    - { name: a, model: gpt-4o }',
      '  scorers: [token-f1, exact-normalised]',
    ]);
    const line = await refused(file);
    expect(line).toContain(
      `${file}:6:23: evaluate: \`scorers\`: unknown scorer \`exact-normalised\` — did you mean \`exact-normalized\`? (known: exact, exact-normalized, contains,`,
    );
    expect(line).toContain('{ judge: … }');
    expect(line).not.toContain('Invalid input');
  });

  it('a mapping scorer: the key nobody knows, or the mistake inside the one it meant', async () => {
    const base = [
      'name: x',
      'evaluate:',
      `  data: { path: ${TOY} }`,
      '  candidates:',
      '    - { name: a, model: gpt-4o }',
    ];
    const typo = await pipelineFile('judg.yaml', [...base, '  scorers: [{ judg: { rubric: ok? } }]']);
    expect(await refused(typo)).toBe(
      `tunekit: ${typo}:6:15: evaluate: \`scorers\`: unknown key \`judg\` — did you mean \`judge\`?`,
    );
    const inner = await pipelineFile('rubrik.yaml', [...base, '  scorers: [{ judge: { rubrik: ok? } }]']);
    expect(await refused(inner)).toBe(`tunekit: ${inner}:6:22: evaluate: \`rubric\`: missing (expected a string)`);
  });

  it('n_epochs as a string says what it should be', async () => {
    const file = await pipelineFile('epochs.yaml', [
      'name: x',
      'dataset:',
      `  from: { use: read-jsonl, with: { path: ${TOY} } }`,
      'train:',
      '  use: trainer-openai',
      '  with: { hyperparameters: { n_epochs: "3" } }',
    ]);
    expect(await refused(file)).toBe(
      `tunekit: ${file}:6:40: trainer-openai: \`n_epochs\`: expected an integer or "auto", got a string`,
    );
  });
});

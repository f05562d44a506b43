import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { StepPlugin } from '@tunekit/core';
import { checkStepConformance, makeRecord, runStep } from '@tunekit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { makeTempDir, REPO_ROOT, removeDir, SHARED_DATA } from './helpers/temp-dir.js';

const GUIDES = join(REPO_ROOT, 'docs/guides');
const EXAMPLES = join(GUIDES, 'examples');

async function filesIn(dir: string, ending: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith(ending)).map((f) => join(dir, f));
}

async function loadPlugin(): Promise<StepPlugin> {
  const module = (await import(join(EXAMPLES, 'require-citation.mjs'))) as { default: StepPlugin };
  return module.default;
}

function chat(answer: string) {
  return makeRecord({
    messages: [
      { role: 'user', content: '问题' },
      { role: 'assistant', content: answer },
    ],
  });
}

describe('guide example pipelines', async () => {
  const pipelines = await filesIn(EXAMPLES, '.yaml');

  it('has the examples the guides show', () => {
    expect(pipelines.length).toBeGreaterThanOrEqual(6);
  });

  it.each(pipelines)('%s passes tunekit validate', async (file) => {
    const { code, stdout, stderr } = await runCli(['validate', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(': ok');
  });
});

describe('guide text', async () => {
  const guides = await filesIn(GUIDES, '.md');
  const examples = await Promise.all((await filesIn(EXAMPLES, '.yaml')).map((f) => readFile(f, 'utf8')));

  it.each(guides)('%s shows whole pipelines only as they are in examples/', async (file) => {
    const text = await readFile(file, 'utf8');
    const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    for (const block of blocks.filter((b) => /^name: /m.test(b))) {
      expect(
        examples.some((example) => example.includes(block.trim())),
        `not an example file:\n${block}`,
      ).toBe(true);
    }
  });

  it('writing-a-plugin shows the plugin file as it is', async () => {
    const text = await readFile(join(GUIDES, 'writing-a-plugin.md'), 'utf8');
    const shown = /```js\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    expect(shown).toContain('export default {');
    expect(await readFile(join(EXAMPLES, 'require-citation.mjs'), 'utf8')).toContain(shown.trim());
  });

  it.each(guides)('%s links only to files that exist', async (file) => {
    const text = await readFile(file, 'utf8');
    const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1] as string);
    const local = links.filter((l) => !/^[a-z]+:/.test(l));
    expect(local.length).toBeGreaterThan(0);
    for (const link of local) expect(existsSync(resolve(dirname(file), link)), `${file} → ${link}`).toBe(true);
  });
});

describe('writing-a-plugin: the require-citation step', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('guides-');
  });
  afterAll(() => removeDir(dir));

  it('runs in its pipeline with a balanced ledger and reasoned rejects', async () => {
    const out = join(dir, 'run');
    const { code, stderr } = await runCli(['run', join(EXAMPLES, 'require-citation.yaml'), '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('succeeded');
    const ledger = manifest.ledger as { step: string; in: number; out: number; rejected: number; discarded: number }[];
    for (const entry of ledger) expect(entry.in).toBe(entry.out + entry.rejected + entry.discarded);
    const step = ledger.find((e) => e.step === 'require-citation');
    const source = JSON.parse(await readFile(join(SHARED_DATA, 'disc-lawllm/qa_short_answer.json'), 'utf8')) as {
      output: string;
    }[];
    const short = source.filter((q) => q.output.length < 100).length;
    expect(step).toMatchObject({ in: source.length, rejected: 45 });
    expect(step?.out).toBe(source.length - 45);
    const rejects = (await readFile(join(out, 'rejects.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { step: string; code: string; record: unknown });
    expect(rejects.filter((r) => r.code === 'answer_too_short')).toHaveLength(short);
    expect(rejects.filter((r) => r.code === 'no_citation')).toHaveLength(45 - short);
    expect(rejects.every((r) => r.step === 'require-citation' && r.record)).toBe(true);
    expect(manifest.outputs.train.lines + manifest.outputs.validation.lines).toBe(source.length - 45);
  });

  it('keeps cited answers, rejects the rest, and rejects bad options', async () => {
    const plugin = await loadPlugin();
    const cited = chat('依照《中华人民共和国民法典》第五百零九条，当事人应当按照约定全面履行自己的义务。');
    const uncited = chat('可以，但应当先协商。');
    const empty = makeRecord({ messages: [{ role: 'user', content: '问题' }] });
    const run = await runStep(plugin, {}, [cited, uncited, empty]);
    expect(run.out.map((r) => r.id)).toEqual([cited.id]);
    expect(run.rejected.map((r) => r.code)).toEqual(['no_citation', 'no_answer']);
    expect(run.counters.cited).toBe(1);
    expect(run.ledger).toMatchObject({ in: 3, out: 1, rejected: 2, discarded: 0 });
    const strict = await runStep(plugin, { min_answer_chars: 100 }, [cited]);
    expect(strict.rejected[0]?.code).toBe('answer_too_short');
    await expect(runStep(plugin, { min_answer_chars: -1 }, [cited])).rejects.toThrow(/require-citation/);
  });

  it('passes the step conformance checks on real records', async () => {
    const plugin = await loadPlugin();
    const source = JSON.parse(await readFile(join(SHARED_DATA, 'disc-lawllm/qa_short_answer.json'), 'utf8')) as {
      output: string;
    }[];
    const sample = source.slice(0, 20).map((q) => chat(q.output));
    await checkStepConformance(plugin, { min_answer_chars: 50 }, sample);
  });
});

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type EvaluationOutcome, loadPipeline, type Manifest, runPipeline, TunekitError } from '@tunekit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeTempDir, removeDir } from './helpers/temp-dir.js';

let dir: string;

const PLUGINS = {
  'numbers.mjs': `import { z } from 'zod';
export default { specVersion: 'v1', kind: 'step', role: 'source', id: 'numbers', description: 'n records',
  options: z.object({ n: z.number() }),
  create: ({ n }) => ({ specVersion: 'v1', async *run() {
    for (let i = 1; i <= n; i++) yield { id: 'n:' + i, source: { file: 'numbers', line: i }, group: 'g' + (i % 7), data: { messages: [{ role: 'user', content: 'q' + i }, { role: 'assistant', content: 'a' + i }] }, meta: {} };
  } }) };`,
  'drop-silently.mjs': `import { z } from 'zod';
export default { specVersion: 'v1', kind: 'step', role: 'transform', id: 'drop', description: 'loses records',
  options: z.object({}), create: () => ({ specVersion: 'v1', map: (r) => (r.id.endsWith('3') ? undefined : r) }) };`,
  'reject-odd.mjs': `import { z } from 'zod';
export default { specVersion: 'v1', kind: 'step', role: 'transform', id: 'reject-odd', description: 'rejects odd',
  options: z.object({}), create: () => ({ specVersion: 'v1', map: (r, ctx) => { const i = Number(r.id.slice(2)); if (i % 2) { ctx.reject(r, 'odd', { message: 'odd number', line: r.source.line }); return undefined; } return r; } }) };`,
  'twice.mjs': `import { z } from 'zod';
export default { specVersion: 'v1', kind: 'step', role: 'transform', id: 'twice', description: 'fan-out',
  options: z.object({}), create: () => ({ specVersion: 'v1', fanOut: true, async *run(input) {
    for await (const r of input) { yield { ...r, id: r.id + '#1', parents: [r.id] }; yield { ...r, id: r.id + '#2', parents: [r.id] }; }
  } }) };`,
  'explode.mjs': `import { z } from 'zod';
export default { specVersion: 'v1', kind: 'step', role: 'transform', id: 'explode', description: 'fails late',
  options: z.object({ at: z.number() }), create: ({ at }) => ({ specVersion: 'v1', map: (r) => { if (r.id === 'n:' + at) throw new Error('kaboom'); return r; } }) };`,
};

async function pipeline(name: string, steps: string[], n = 20): Promise<string> {
  const file = join(dir, `${name}.yaml`);
  const stepLines = steps.map((s) => `    - ${s}`).join('\n');
  await writeFile(
    file,
    `name: ${name}\ndataset:\n  from: { use: ./numbers.mjs, with: { n: ${n} } }\n  steps:\n${stepLines || '    []'}\n`,
  );
  return file;
}

beforeAll(async () => {
  dir = await makeTempDir('runner-');
  for (const [name, text] of Object.entries(PLUGINS)) await writeFile(join(dir, name), text);
});
afterAll(() => removeDir(dir));

describe('runner and ledger', () => {
  it('writes the run folder with a balanced ledger and rejects with reasons', async () => {
    const loaded = await loadPipeline(
      await pipeline('rejects', ['{ use: ./reject-odd.mjs }', '{ use: split, with: { validation: 0.3, seed: 1 } }']),
    );
    const out = join(dir, 'run-rejects');
    const { manifest } = await runPipeline(loaded, { outDir: out });
    expect(manifest.status).toBe('succeeded');
    expect(manifest.ledger).toEqual([
      { step: './numbers.mjs', in: 20, out: 20, rejected: 0, discarded: 0 },
      { step: './reject-odd.mjs', in: 20, out: 10, rejected: 10, discarded: 0 },
      { step: 'split', in: 10, out: 10, rejected: 0, discarded: 0 },
      { step: 'write-jsonl', in: 10, out: 10, rejected: 0, discarded: 0 },
    ]);
    const rejects = (await readFile(join(out, 'rejects.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejects).toHaveLength(10);
    expect(rejects[0]).toMatchObject({
      step: './reject-odd.mjs',
      code: 'odd',
      message: 'odd number',
      line: 1,
      id: 'n:1',
    });
    expect(rejects[0].record.messages[0].content).toBe('q1');
    const train = manifest.outputs.train!;
    const validation = manifest.outputs.validation!;
    expect(train.lines + validation.lines).toBe(10);
    expect(manifest.outputs.rejects!.lines).toBe(10);
    const onDisk = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(onDisk.ledger).toEqual(manifest.ledger);
    expect(onDisk.pipeline.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fails the run naming the step that lost records', async () => {
    const loaded = await loadPipeline(await pipeline('lossy', ['{ use: ./drop-silently.mjs, name: lossy-step }']));
    const out = join(dir, 'run-lossy');
    const error = await runPipeline(loaded, { outDir: out }).catch((e: unknown) => e);
    expect(TunekitError.is(error, 'LEDGER_MISMATCH')).toBe(true);
    expect((error as TunekitError).message).toContain('lossy-step');
    const files = await readdir(out);
    expect(files).not.toContain('train.jsonl');
    expect(files.filter((f) => f.includes('partial'))).toEqual([]);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('failed');
  });

  it('accepts fan-out steps whose outputs name their parents', async () => {
    const loaded = await loadPipeline(await pipeline('fanout', ['{ use: ./twice.mjs }']));
    const { manifest } = await runPipeline(loaded, { outDir: join(dir, 'run-fanout') });
    expect(manifest.ledger[1]).toEqual({ step: './twice.mjs', in: 20, out: 40, rejected: 0, discarded: 0 });
  });

  it('a step that throws leaves no output under a final name', async () => {
    const loaded = await loadPipeline(await pipeline('explode', ['{ use: ./explode.mjs, with: { at: 900 } }'], 1000));
    const out = join(dir, 'run-explode');
    const error = await runPipeline(loaded, { outDir: out }).catch((e: unknown) => e);
    expect(TunekitError.is(error, 'STEP_FAILED')).toBe(true);
    expect((error as TunekitError).render()).toContain('step `./explode.mjs` failed: kaboom');
    const files = await readdir(out);
    expect(files.sort()).toEqual(['manifest.json']);
  });

  it('an aborted run stops cleanly', async () => {
    const loaded = await loadPipeline(await pipeline('abort', [], 200_000));
    const controller = new AbortController();
    const out = join(dir, 'run-abort');
    const running = runPipeline(loaded, { outDir: out, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await running.catch((e: unknown) => e);
    expect(TunekitError.is(error, 'ABORTED')).toBe(true);
    expect((await readdir(out)).sort()).toEqual(['manifest.json']);
    expect(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')).status).toBe('aborted');
  });
});

describe('a failed evaluation', () => {
  async function withEvaluator(name: string, run: () => Promise<EvaluationOutcome>) {
    const loaded = await loadPipeline(await pipeline(name, []));
    loaded.evaluate = {
      plugin: { specVersion: 'v1', kind: 'evaluator', id: 'fake', description: 'fake', options: z.object({}), run },
      options: {},
    };
    const out = join(dir, `run-${name}`);
    const error = await runPipeline(loaded, { outDir: out }).catch((e: unknown) => e);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest;
    return { error, manifest };
  }

  it('that returns a failure: the manifest keeps its reports, summary and error; the run fails with it', async () => {
    const { error, manifest } = await withEvaluator('eval-failure', async () => ({
      gatePassed: false,
      summary: '2 items × 1 candidates',
      reports: ['/r/report.json'],
      failure: { code: 'PROVIDER_ERROR', message: 'evaluate: candidate `x` got no output', hint: 'see report.json' },
    }));
    expect(TunekitError.is(error, 'PROVIDER_ERROR') && error.render()).toBe(
      'evaluate: candidate `x` got no output — see report.json',
    );
    expect(manifest.status).toBe('failed');
    expect(manifest.error).toEqual({ code: 'PROVIDER_ERROR', message: 'evaluate: candidate `x` got no output' });
    expect(manifest.evaluate).toEqual({
      gatePassed: false,
      summary: '2 items × 1 candidates',
      reports: ['/r/report.json'],
      failure: { code: 'PROVIDER_ERROR', message: 'evaluate: candidate `x` got no output', hint: 'see report.json' },
    });
  });

  it('that throws: the manifest records the error in the evaluate section too', async () => {
    const { error, manifest } = await withEvaluator('eval-throws', async () => {
      throw new Error('scorer crashed');
    });
    expect(error).toBeInstanceOf(Error);
    expect(manifest.status).toBe('failed');
    expect(manifest.evaluate).toEqual({ failure: { code: 'INTERNAL', message: 'Error: scorer crashed' } });
  });
});

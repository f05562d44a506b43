import { readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { makeTempDir, REPO_ROOT, removeDir } from './helpers/temp-dir.js';

// The guide's open-weights example as a user runs it, with `axolotl` on PATH: here a stand-in that reads the rendered
// config as axolotl would and writes an adapter (test/fixtures/bin/axolotl), since there is no GPU in CI.
const EXAMPLE = join(REPO_ROOT, 'docs/guides/examples/open-weights.yaml');
const BIN = join(REPO_ROOT, 'test/fixtures/bin');

describe('docs/guides/examples/open-weights.yaml', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('open-weights-');
  });
  afterAll(() => removeDir(dir));

  it('trains with axolotl from the template, then evaluates the adapter by the name the guide serves it under', async () => {
    const out = join(dir, 'run');
    const env = { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH}`, OPENAI_API_KEY: '' };
    const run = await runCli(['run', EXAMPLE, '--out', out], env);
    // The evaluation runs in the sandbox (no key): its gate may fail on simulated answers; the training may not.
    expect([0, 1], run.stderr).toContain(run.code);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.train.result).toMatchObject({
      status: 'succeeded',
      model: 'exam-lora',
      provider: 'local',
      baseModel: 'Qwen/Qwen2.5-7B-Instruct',
    });
    expect(manifest.evaluate).toBeDefined();

    // Where step 3 of the guide serves it from: runs/open-weights/exam-lora (here under --out).
    const adapter = JSON.parse(await readFile(join(out, 'exam-lora', 'adapter_config.json'), 'utf8'));
    expect(adapter).toEqual({ base_model_name_or_path: 'Qwen/Qwen2.5-7B-Instruct', r: 16, lora_alpha: 32 });
    const jobDir = join(out, 'training', manifest.train.result.jobId);
    const config = await readFile(join(jobDir, 'axolotl.yml'), 'utf8');
    expect(config).toContain(`path: "${join(out, 'train.jsonl')}"`);
    expect(config).toContain('num_epochs: 3');
    expect(await readFile(join(jobDir, 'output.log'), 'utf8')).toContain('216 examples, 3 epochs');
    const curve = (await readFile(join(out, 'metrics.csv'), 'utf8')).trim().split('\n');
    expect(curve).toHaveLength(1 + 6);
    expect(run.stderr).toContain('train: step 6/6 · train loss 0.3333');
  });
});

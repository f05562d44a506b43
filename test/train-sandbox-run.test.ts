import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { makeTempDir, removeDir, SHARED_DATA } from './helpers/temp-dir.js';

let dir: string;
const env = { ...process.env, OPENAI_API_KEY: undefined };

beforeAll(async () => {
  dir = await makeTempDir('train-sandbox-run-');
});
afterAll(() => removeDir(dir));

describe('tunekit train status|cancel on a run the in-process sandbox served', () => {
  it("restarts the run's sandbox from the run folder; a finished job is not cancelled again", async () => {
    const pipeline = join(dir, 'pipeline.yaml');
    await writeFile(
      pipeline,
      `name: sandbox-train
model: gpt-4o-mini-2024-07-18
dataset:
  from: { use: read-csv, with: { path: ${JSON.stringify(join(SHARED_DATA, 'disc-lawllm/mcq_sing_lbk.csv'))} } }
  steps:
    - use: to-chat
      with: { user: "{{input}}", assistant: "{{output}}" }
train:
  use: trainer-openai
  with: { suffix: sbx, hyperparameters: { n_epochs: 1 }, poll_interval_ms: 20 }
`,
    );
    const out = join(dir, 'run');
    const run = await runCli(['run', pipeline, '--sandbox', '--time-scale', '0.02', '--out', out], env);
    expect(run.code, run.stderr).toBe(0);

    // A run stopped while its job was going on: the state names the job, no result yet.
    const statePath = join(out, 'trainer-state.json');
    const file = JSON.parse(await readFile(statePath, 'utf8'));
    const jobId = file.state.jobId as string;
    await writeFile(
      statePath,
      JSON.stringify({ ...file, state: { ...file.state, phase: 'created' }, result: undefined }),
    );
    const status = await runCli(['train', 'status', out], env);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^${jobId} succeeded — model ft:gpt-4o-mini-2024-07-18:sandbox:sbx:`));
    expect(status.stderr).not.toContain('ECONNREFUSED');

    await writeFile(statePath, JSON.stringify(file));
    const cancel = await runCli(['train', 'cancel', out], env);
    expect(cancel.code).toBe(2);
    expect(cancel.stderr.trim().split('\n')).toEqual([
      expect.stringContaining(`${jobId} has ended (succeeded); nothing to cancel`),
    ]);
  });
});

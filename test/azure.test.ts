import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@tunekit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { makeTempDir, removeDir, SHARED_DATA } from './helpers/temp-dir.js';

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  dir = await makeTempDir('azure-');
});
afterAll(async () => {
  await sandbox.close();
  await removeDir(dir);
});

describe('Azure OpenAI through the SDK’s AzureOpenAI client (the sandbox speaks the Azure URL shape)', () => {
  it('trains and evaluates on an `azure:` provider: /openai/... paths, api-version, api-key header', async () => {
    const pipeline = join(dir, 'azure.yaml');
    await writeFile(
      pipeline,
      `name: azure-e2e
model: gpt-4o-mini-2024-07-18
providers:
  azure:
    api_key_env: TUNEKIT_TEST_AZURE_KEY
    azure: { endpoint: "${sandbox.url}", api_version: "2025-04-01-preview" }
dataset:
  from: { use: read-csv, with: { path: ${JSON.stringify(join(SHARED_DATA, 'disc-lawllm/mcq_sing_lbk.csv'))} } }
  steps:
    - use: to-chat
      with: { user: "{{input}}\\nA. {{A}}\\nB. {{B}}\\nC. {{C}}\\nD. {{D}}", assistant: "{{output}}" }
    - use: split
      with: { validation: 20, by: id, seed: 3 }
train:
  use: trainer-openai
  with: { provider: azure, suffix: azure-e2e, hyperparameters: { n_epochs: 1 }, poll_interval_ms: 50 }
evaluate:
  candidates:
    - { name: tuned, model: "\${{ train.model }}", provider: azure }
    - { name: base, model: gpt-4o-mini-2024-07-18, provider: azure }
  scorers: [choice]
  compare: { baseline: base }
  report: [json]
`,
    );
    const before = sandbox.stats();
    const env = { ...process.env, TUNEKIT_TEST_AZURE_KEY: 'fake_azure_key_for_tests', OPENAI_API_KEY: undefined };
    const { code, stdout, stderr } = await runCli(['run', pipeline, '--out', join(dir, 'run'), '--live'], env);
    expect(stderr).not.toContain('sandbox:');
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/train\s+succeeded: ft:gpt-4o-mini-2024-07-18:[^:]*:azure-e2e:/);
    const after = sandbox.stats();
    expect(after.jobsCreated - before.jobsCreated).toBe(1);
    expect(after.chatCompletions - before.chatCompletions).toBe(40);
    const paths = Object.keys(after.requestsByEndpoint).join(' ');
    expect(paths).toContain('/v1/fine_tuning/jobs');
    const report = JSON.parse(await readFile(join(dir, 'run/report.json'), 'utf8'));
    expect(report.candidates.map((c: { name: string }) => c.name)).toEqual(['tuned', 'base']);
    // Azure retires models on its own schedule: OpenAI's date is neither said nor reported.
    expect(stderr).not.toContain('retire');
    expect(report.training.retires).toBeUndefined();
    const state = await readFile(join(dir, 'run/trainer-state.json'), 'utf8');
    expect(state).not.toContain('fake_azure_key_for_tests');
  });
});

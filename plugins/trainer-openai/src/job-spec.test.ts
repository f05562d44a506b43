import type { TrainerInput } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { buildJobSpec, jobMatches } from './job-spec.js';
import { trainerOpenAIOptions } from './options.js';

const input: TrainerInput = {
  trainFile: '/run/train.jsonl',
  datasetHash: 'a'.repeat(64),
  runId: 'run-1',
  baseModel: 'gpt-4o-mini-2024-07-18',
  format: 'chat',
};
const options = (value: unknown) => trainerOpenAIOptions.parse(value);

describe('job spec', () => {
  it('builds the create request with method, hyperparameters and tunekit metadata', () => {
    const spec = buildJobSpec(
      options({ suffix: 'law', seed: 7, hyperparameters: { n_epochs: 3, batch_size: 'auto' } }),
      input,
    );
    expect(spec.params).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      suffix: 'law',
      seed: 7,
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3, batch_size: 'auto' } } },
      metadata: { tunekit_run: 'run-1', tunekit_dataset: input.datasetHash, tunekit_job: spec.jobKey },
    });
    expect(jobMatches({ metadata: spec.params.metadata ?? null }, spec.jobKey)).toBe(true);
  });

  it('keys the job on data and settings, not on the run id or key order', () => {
    const a = buildJobSpec(options({ hyperparameters: { n_epochs: 2, learning_rate_multiplier: 0.5 } }), input);
    const b = buildJobSpec(options({ hyperparameters: { learning_rate_multiplier: 0.5, n_epochs: 2 } }), {
      ...input,
      runId: 'run-2',
    });
    const c = buildJobSpec(options({ hyperparameters: { n_epochs: 3, learning_rate_multiplier: 0.5 } }), input);
    const d = buildJobSpec(options({ hyperparameters: { n_epochs: 2, learning_rate_multiplier: 0.5 } }), {
      ...input,
      datasetHash: 'b'.repeat(64),
    });
    expect(a.jobKey).toBe(b.jobKey);
    expect(new Set([a.jobKey, c.jobKey, d.jobKey]).size).toBe(3);
  });

  it('picks dpo for preference data and passes beta', () => {
    const spec = buildJobSpec(options({ hyperparameters: { beta: 0.1 } }), { ...input, format: 'preference' });
    expect(spec.params.method).toEqual({ type: 'dpo', dpo: { hyperparameters: { beta: 0.1 } } });
  });

  it('checks suffix, seed and hyperparameter ranges', () => {
    expect(trainerOpenAIOptions.safeParse({ suffix: 'x'.repeat(64) }).success).toBe(true);
    expect(trainerOpenAIOptions.safeParse({ suffix: 'x'.repeat(65) }).success).toBe(false);
    expect(trainerOpenAIOptions.safeParse({ suffix: 'no spaces' }).success).toBe(false);
    expect(trainerOpenAIOptions.safeParse({ suffix: '' }).success).toBe(false);
    expect(trainerOpenAIOptions.safeParse({ seed: -1 }).success).toBe(false);
    expect(trainerOpenAIOptions.safeParse({ hyperparameters: { n_epochs: 51 } }).success).toBe(false);
    expect(trainerOpenAIOptions.safeParse({ hyperparameters: { beta: 2.5 } }).success).toBe(false);
    expect(trainerOpenAIOptions.safeParse({ hyperparameters: { n_epochs: 'auto', beta: 'auto' } }).success).toBe(true);
  });
});

import { PassThrough } from 'node:stream';
import type { TrainPhaseEvent } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../io.js';
import { describeTrainEvent, trainProgress } from './train-progress.js';

function plainIO(): { io: CliIO; text: () => string } {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const io: CliIO = { stdout: new PassThrough(), stderr, env: {}, isTTY: false, color: false, exitCode: 0 };
  return { io, text: () => text };
}

describe('train progress', () => {
  it('describes the estimate, statuses and failures in one line each', () => {
    const estimate = {
      examples: 30,
      billingTokens: 1200,
      epochs: 3,
      trainingTokens: 3600,
      costUsd: 0.0108,
      pricePerMillion: 3,
    };
    expect(describeTrainEvent({ type: 'estimate', estimate })).toBe(
      'estimate: 30 examples, 1,200 tokens × 3 epochs = 3,600 training tokens ≈ $0.0108',
    );
    expect(describeTrainEvent({ type: 'estimate', estimate: { ...estimate, examples: 1 } })).toMatch(
      /^estimate: 1 example, /,
    );
    expect(
      describeTrainEvent({
        type: 'status',
        status: 'failed',
        rawStatus: 'failed',
        jobId: 'ftjob-1',
        message: 'invalid_training_file: bad',
      }),
    ).toBe('ftjob-1 failed: invalid_training_file: bad');
    expect(describeTrainEvent({ type: 'log', level: 'info', message: 'noise' })).toBeUndefined();
  });

  it('prints plain lines off a TTY, with a metric line only every tenth of the run', () => {
    const { io, text } = plainIO();
    const progress = trainProgress(io);
    progress.update({
      type: 'status',
      status: 'validating',
      rawStatus: 'validating_files',
      jobId: 'ftjob-1',
    } satisfies TrainPhaseEvent);
    for (let step = 1; step <= 100; step++) {
      progress.update({ type: 'metric', step, totalSteps: 100, trainLoss: 2 / step } satisfies TrainPhaseEvent);
    }
    progress.update({
      type: 'status',
      status: 'succeeded',
      rawStatus: 'succeeded',
      jobId: 'ftjob-1',
    } satisfies TrainPhaseEvent);
    progress.stop();
    const lines = text().trim().split('\n');
    expect(lines[0]).toBe('train: ftjob-1 validating_files');
    expect(lines.filter((line) => line.startsWith('train: step '))).toHaveLength(10);
    expect(lines).toContain('train: step 100/100 · train loss 0.0200');
    expect(lines.at(-1)).toBe('train: ftjob-1 succeeded');
  });
});

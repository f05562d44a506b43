import { describe, expect, it } from 'vitest';
import { getModelInfo } from '../catalog/get-model-info.js';
import { costUsd, defaultEpochs, estimateTraining, TrainingEstimator, trainingCostUsd } from './training-estimate.js';

describe('training estimate', () => {
  it('reproduces the notebook on the toy file (limit 4096)', () => {
    const estimate = estimateTraining({ exampleTokens: [45, 111, 26, 28, 8032], exampleTokenLimit: 4096 });
    expect(estimate).toEqual({ examples: 5, epochs: 20, billingTokens: 4306, chargedTokens: 86_120 });
    expect(trainingCostUsd(estimate, getModelInfo('gpt-3.5-turbo-0613').prices)).toBeCloseTo(0.68896, 8);
  });

  it('re-run at the current limit 16,385 gives 8242 / 164,840', () => {
    expect(estimateTraining({ exampleTokens: [45, 111, 26, 28, 8032], exampleTokenLimit: 16_385 })).toMatchObject({
      billingTokens: 8242,
      chargedTokens: 164_840,
    });
  });

  it('uses the notebook constants for default epochs', () => {
    expect(defaultEpochs(5)).toBe(20);
    expect(defaultEpochs(1)).toBe(25);
    expect(defaultEpochs(33)).toBe(3);
    expect(defaultEpochs(34)).toBe(3);
    expect(defaultEpochs(32)).toBe(3);
    expect(defaultEpochs(30)).toBe(3);
    expect(defaultEpochs(20)).toBe(5);
    expect(defaultEpochs(8333)).toBe(3);
    expect(defaultEpochs(8334)).toBe(2);
    expect(defaultEpochs(30_000)).toBe(1);
  });

  it('accumulates incrementally and honours pinned epochs', () => {
    const estimator = new TrainingEstimator(100);
    for (const tokens of [50, 150, 100]) estimator.add(tokens);
    expect(estimator.result(2)).toEqual({ examples: 3, epochs: 2, billingTokens: 250, chargedTokens: 500 });
  });

  it('prices the guide example: 100k tokens × 3 epochs', () => {
    expect(costUsd(300_000, 3)).toBeCloseTo(0.9, 10);
    expect(costUsd(300_000, 8)).toBeCloseTo(2.4, 10);
  });
});

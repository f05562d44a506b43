import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ModelContext, TrainerEstimate } from '@tunekit/core';
import { TrainingEstimator, trainingCostUsd } from './training-estimate.js';

/**
 * Streams a training file once through OpenAI's estimate (the notebook: examples capped at the model's limit,
 * `auto` epochs by the example count), priced at the model's training rate when the catalog has one.
 */
export async function estimateTrainingFile(
  trainFile: string,
  model: ModelContext,
  epochs: number | 'auto' | undefined,
): Promise<TrainerEstimate> {
  const estimator = new TrainingEstimator(model.exampleTokenLimit);
  for await (const line of createInterface({ input: createReadStream(trainFile, 'utf8'), crlfDelay: Infinity })) {
    if (line.trim() !== '') estimator.add(model.countExample(JSON.parse(line) as unknown).total);
  }
  const estimate = estimator.result(typeof epochs === 'number' ? epochs : undefined);
  return {
    examples: estimate.examples,
    billingTokens: estimate.billingTokens,
    epochs: estimate.epochs,
    trainingTokens: estimate.chargedTokens,
    costUsd: trainingCostUsd(estimate, model.prices),
    pricePerMillion: model.prices.training,
    priceAsOf: model.prices.asOf,
  };
}

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type ModelContext, type ModelRetirement, type TrainerEstimate, TunekitError } from '@tunekit/core';
import { getModelInfo, TrainingEstimator, trainingCostUsd } from '@tunekit/format';

/**
 * Streams the training file once through the catalog's estimate (OpenAI's notebook: examples capped at the model's
 * limit, `auto` epochs by the example count), priced at the model's training rate.
 */
export async function estimateTraining(
  trainFile: string,
  model: ModelContext,
  epochsOption: number | 'auto' | undefined,
): Promise<TrainerEstimate> {
  const estimator = new TrainingEstimator(model.exampleTokenLimit);
  for await (const line of createInterface({ input: createReadStream(trainFile, 'utf8'), crlfDelay: Infinity })) {
    if (line.trim() !== '') estimator.add(model.countExample(JSON.parse(line) as unknown).total);
  }
  const estimate = estimator.result(typeof epochsOption === 'number' ? epochsOption : undefined);
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

/** When OpenAI retires the model a job trains (and so the fine-tune it makes), if the catalog knows. */
export function baseRetirement(model: string): ModelRetirement | undefined {
  try {
    const info = getModelInfo(model);
    return info.retires && { model: info.catalogId, ...info.retires };
  } catch (error) {
    if (TunekitError.is(error, 'UNKNOWN_MODEL')) return undefined;
    throw error;
  }
}

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ModelContext, TrainerEstimate } from '@tunekit/core';

/** The `auto` epoch rule of OpenAI's data-preparation notebook: about 3 epochs, kept between 100 and 25,000 example passes. */
export function autoEpochs(examples: number): number {
  if (examples === 0) return 0;
  if (examples * 3 < 100) return Math.min(25, Math.floor(100 / examples));
  if (examples * 3 > 25_000) return Math.max(1, Math.floor(25_000 / examples));
  return 3;
}

/** Streams the training file once: billing tokens per epoch (each example capped at the model's limit), then the cost. */
export async function estimateTraining(
  trainFile: string,
  model: ModelContext,
  epochsOption: number | 'auto' | undefined,
): Promise<TrainerEstimate> {
  let examples = 0;
  let billingTokens = 0;
  for await (const line of createInterface({ input: createReadStream(trainFile, 'utf8'), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    examples++;
    billingTokens += Math.min(model.exampleTokenLimit, model.countExample(JSON.parse(line) as unknown).total);
  }
  const epochs = typeof epochsOption === 'number' ? epochsOption : autoEpochs(examples);
  const trainingTokens = epochs * billingTokens;
  const price = model.prices.training;
  return {
    examples,
    billingTokens,
    epochs,
    trainingTokens,
    costUsd: price === undefined ? undefined : (trainingTokens * price) / 1_000_000,
    pricePerMillion: price,
    priceAsOf: model.prices.asOf,
  };
}

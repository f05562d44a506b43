import type { ModelPrices } from '@tunekit/core';

/** Constants of OpenAI's data-preparation notebook (identical in both of its versions). */
export const TARGET_EPOCHS = 3;
export const MIN_TARGET_EXAMPLES = 100;
export const MAX_TARGET_EXAMPLES = 25_000;
export const MIN_DEFAULT_EPOCHS = 1;
export const MAX_DEFAULT_EPOCHS = 25;

export interface TrainingEstimate {
  examples: number;
  epochs: number;
  /** Σ min(limit, tokens) over examples: what one epoch bills (over-long examples are truncated). */
  billingTokens: number;
  /** epochs × billingTokens. */
  chargedTokens: number;
}

/** The default number of epochs the service picks for `n` examples. */
export function defaultEpochs(examples: number): number {
  if (examples * TARGET_EPOCHS < MIN_TARGET_EXAMPLES) {
    return Math.min(MAX_DEFAULT_EPOCHS, Math.floor(MIN_TARGET_EXAMPLES / Math.max(examples, 1)));
  }
  if (examples * TARGET_EPOCHS > MAX_TARGET_EXAMPLES) {
    return Math.max(MIN_DEFAULT_EPOCHS, Math.floor(MAX_TARGET_EXAMPLES / examples));
  }
  return TARGET_EPOCHS;
}

/** Accumulates example token counts one at a time, so a streaming step never holds them all. */
export class TrainingEstimator {
  private examples = 0;
  private billingTokens = 0;

  constructor(private readonly exampleTokenLimit: number) {}

  add(exampleTokens: number): void {
    this.examples += 1;
    this.billingTokens += Math.min(this.exampleTokenLimit, exampleTokens);
  }

  result(nEpochs?: number): TrainingEstimate {
    const epochs = nEpochs ?? defaultEpochs(this.examples);
    return {
      examples: this.examples,
      epochs,
      billingTokens: this.billingTokens,
      chargedTokens: epochs * this.billingTokens,
    };
  }
}

export function estimateTraining(options: {
  exampleTokens: Iterable<number>;
  exampleTokenLimit: number;
  nEpochs?: number;
}): TrainingEstimate {
  const estimator = new TrainingEstimator(options.exampleTokenLimit);
  for (const tokens of options.exampleTokens) estimator.add(tokens);
  return estimator.result(options.nEpochs);
}

/** USD for `tokens` at a price per 1M tokens. */
export function costUsd(tokens: number, pricePerMillion: number): number {
  return (tokens * pricePerMillion) / 1_000_000;
}

/** Training cost at the catalog's price, or undefined when the model has no training price. */
export function trainingCostUsd(estimate: TrainingEstimate, prices: ModelPrices): number | undefined {
  return prices.training === undefined ? undefined : costUsd(estimate.chargedTokens, prices.training);
}

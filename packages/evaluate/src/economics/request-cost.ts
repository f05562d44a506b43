import type { ModelPrices, Usage } from '@tunekit/core';
import { getModelInfo, type ModelOverrides } from '@tunekit/format';

/** Catalog prices of a model (fine-tuned inference prices for `ft:` ids); undefined when the catalog has none. */
export function pricesOf(model: string, overrides?: Record<string, unknown>): ModelPrices | undefined {
  try {
    const prices = getModelInfo(model, (overrides ?? {}) as ModelOverrides).prices;
    return prices.input === undefined || prices.output === undefined ? undefined : prices;
  } catch {
    return undefined;
  }
}

export const BATCH_DISCOUNT = 0.5;

/** USD of one request: uncached input, cached input (at its own rate when known) and output; per 1M-token prices. */
export function requestCostUsd(usage: Usage, prices: ModelPrices, batch = false): number {
  const cached = Math.min(usage.cachedTokens ?? 0, usage.promptTokens);
  const input = prices.input ?? 0;
  const dollars =
    (usage.promptTokens - cached) * input +
    cached * (prices.cachedInput ?? input) +
    usage.completionTokens * (prices.output ?? 0);
  return (dollars / 1_000_000) * (batch ? BATCH_DISCOUNT : 1);
}

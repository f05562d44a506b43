import type { ModelPrices, Usage } from '@tunekit/core';
import type { EconomicsEntry, JudgeCostEntry } from '../report/report-data.js';
import { percentile } from './percentile.js';
import { requestCostUsd } from './request-cost.js';

/** Per-candidate (or per-judge) tallies of requests, tokens, cost and live latency (cache hits excluded from latency). */
export class EconomicsTally {
  requests = 0;
  cacheHits = 0;
  private withUsage = 0;
  private tokensIn = 0;
  private tokensOut = 0;
  private cost = 0;
  private priced = 0;
  /** Money actually spent in this run (live requests only). */
  spentUsd = 0;
  private readonly latencies: number[] = [];

  constructor(
    readonly candidate: string,
    readonly prices: ModelPrices | undefined,
  ) {}

  record(usage: Usage | undefined, latencyMs: number, cached: boolean, batch = false): void {
    this.requests++;
    if (cached) this.cacheHits++;
    else if (!batch) this.latencies.push(latencyMs);
    if (!usage) return;
    this.withUsage++;
    this.tokensIn += usage.promptTokens;
    this.tokensOut += usage.completionTokens;
    if (this.prices) {
      const cost = requestCostUsd(usage, this.prices, batch);
      this.cost += cost;
      this.priced++;
      if (!cached) this.spentUsd += cost;
    }
  }

  /**
   * USD of every request with usage at catalog prices, whether answered live or from the cache (what these requests
   * cost when paid for); null when no price is known, or no answer said what it used.
   */
  get costUsd(): number | null {
    return !this.prices || (this.requests > 0 && this.withUsage === 0) ? null : this.cost;
  }

  entry(): EconomicsEntry {
    const per = (sum: number, n: number) => (n > 0 ? sum / n : null);
    return {
      candidate: this.candidate,
      requests: this.requests,
      cacheHits: this.cacheHits,
      tokensInPerRequest: per(this.tokensIn, this.withUsage),
      tokensOutPerRequest: per(this.tokensOut, this.withUsage),
      costPer1kUsd: this.priced > 0 ? (this.cost / this.priced) * 1000 : null,
      latencyP50Ms: percentile(this.latencies, 50),
      latencyP95Ms: percentile(this.latencies, 95),
      ...(this.prices?.asOf ? { priceAsOf: this.prices.asOf } : {}),
      ...(this.prices?.source ? { priceSource: this.prices.source } : {}),
    };
  }
}

/** What a judge scorer's requests cost: its tally under the scorer's name. */
export function judgeCostEntry(scorer: string, model: string, tally: EconomicsTally): JudgeCostEntry {
  const { requests, cacheHits, tokensInPerRequest, tokensOutPerRequest, priceAsOf, priceSource } = tally.entry();
  return {
    scorer,
    model,
    requests,
    cacheHits,
    tokensInPerRequest,
    tokensOutPerRequest,
    costUsd: tally.costUsd,
    ...(priceAsOf ? { priceAsOf } : {}),
    ...(priceSource ? { priceSource } : {}),
  };
}

/**
 * Adds the comparison with the baseline: prompt tokens saved per request, and for the tuned candidate the number of
 * requests after which its saving per request has paid back the training cost (null when it saves nothing, absent when
 * a price is unknown).
 */
export function compareEconomics(
  entries: EconomicsEntry[],
  baseline: string | undefined,
  tuned: { candidate: string; trainingCostUsd?: number } | undefined,
): EconomicsEntry[] {
  const base = entries.find((e) => e.candidate === baseline);
  return entries.map((e) => {
    if (!base || e.candidate === baseline) return e;
    const out: EconomicsEntry = { ...e };
    if (e.tokensInPerRequest !== null && base.tokensInPerRequest !== null) {
      out.promptTokensSavedPerRequest = base.tokensInPerRequest - e.tokensInPerRequest;
    }
    if (tuned && e.candidate === tuned.candidate && tuned.trainingCostUsd !== undefined) {
      out.trainingCostUsd = tuned.trainingCostUsd;
      const savingPerRequest =
        base.costPer1kUsd !== null && e.costPer1kUsd !== null ? (base.costPer1kUsd - e.costPer1kUsd) / 1000 : null;
      // Unknown prices leave the break-even out (unknown), which is not "never".
      if (savingPerRequest !== null)
        out.breakEvenRequests = savingPerRequest > 0 ? Math.ceil(tuned.trainingCostUsd / savingPerRequest) : null;
    }
    return out;
  });
}

import { setTimeout as sleep } from 'node:timers/promises';
import { type ChatRequest, type Provider, TunekitError, withScopedSignal } from '@tunekit/core';
import type { AdaptiveLimit } from './adaptive-limit.js';
import { backoffMs, failureOf } from './failure.js';
import { type CachedResponse, cacheKey, type ResponseCache } from './response-cache.js';

export interface CallOutcome {
  response?: CachedResponse;
  cached: boolean;
  /** The reason of the last failure, when every attempt failed. */
  error?: string;
  attempts: number;
}

export interface CallerOptions {
  /**
   * What the cache key says the endpoint is (default: the provider's endpoint). The built-in sandbox listens on a new
   * port every run, so sandbox runs use a stable name instead, and a rerun finds the answers it already has.
   */
  cacheIdentity?: string;
  maxRetries: number;
  timeoutMs: number;
  signal: AbortSignal;
  backoffBaseMs?: number;
  onRetry?(info: { attempt: number; waitMs: number; reason: string }): void;
}

function abortedError(): TunekitError {
  return new TunekitError('ABORTED', 'evaluation interrupted');
}

/**
 * Calls a provider through the response cache, its provider's adaptive limit, a timeout per attempt and retries
 * (honouring retry-after). A request that fails after its retries comes back as an outcome with `error`, never a throw;
 * only an interruption (the run's signal) throws.
 */
export class ModelCaller {
  constructor(
    readonly provider: Provider,
    private readonly limiter: AdaptiveLimit,
    private readonly cache: ResponseCache,
    private readonly options: CallerOptions,
  ) {}

  /** The endpoint as the response cache and the batch state know it. */
  get identity(): string {
    return this.options.cacheIdentity ?? this.provider.endpoint;
  }

  keyOf(request: ChatRequest): string {
    return cacheKey(this.identity, request);
  }

  async call(request: ChatRequest): Promise<CallOutcome> {
    const key = this.keyOf(request);
    const hit = this.cache.get(key);
    if (hit) return { response: hit, cached: true, attempts: 0 };
    const { maxRetries, signal } = this.options;
    let reason = '';
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      if (signal.aborted) throw abortedError();
      try {
        const response = await this.limiter.run(() => this.attempt(request));
        this.limiter.onSuccess();
        this.cache.put(key, response);
        return { response, cached: false, attempts: attempt + 1 };
      } catch (error) {
        if (signal.aborted || TunekitError.is(error, 'ABORTED')) throw abortedError();
        // A rejected key or an unreachable endpoint fails every item alike: the run stops with it.
        if (TunekitError.is(error) && error.isUserError) throw error;
        const failure = failureOf(error);
        reason = failure.message;
        if (failure.rateLimited) this.limiter.onRateLimited();
        if (!failure.retryable || attempt === maxRetries)
          return { cached: false, error: reason, attempts: attempt + 1 };
        const waitMs = backoffMs(attempt, this.options.backoffBaseMs ?? 500, failure.retryAfterMs);
        this.options.onRetry?.({ attempt: attempt + 1, waitMs, reason });
        await sleep(waitMs, undefined, { signal }).catch(() => undefined);
      }
    }
    return { cached: false, error: reason, attempts: maxRetries + 1 };
  }

  private async attempt(request: ChatRequest): Promise<CachedResponse> {
    const { signal: run, timeoutMs } = this.options;
    return withScopedSignal(
      run,
      async (signal) => {
        try {
          return await this.provider.chat(request, { signal, timeoutMs });
        } catch (error) {
          if (signal.aborted && !run.aborted) throw new Error(`timed out after ${timeoutMs} ms`, { cause: error });
          throw error;
        }
      },
      timeoutMs,
    );
  }
}

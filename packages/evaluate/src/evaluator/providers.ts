import {
  didYouMean,
  type EvaluatorRuntime,
  loadPlugin,
  type Provider,
  type ProviderConfig,
  TunekitError,
} from '@tunekit/core';
import type { EconomicsTally } from '../economics/economics.js';
import { AdaptiveLimit } from '../runner/adaptive-limit.js';
import { ModelCaller } from '../runner/model-caller.js';
import type { ResponseCache } from '../runner/response-cache.js';

export type ProviderFactory = (name: string, config: ProviderConfig) => Provider | Promise<Provider>;

const DEFAULT_PROVIDER = 'openai';

/** The built-in sandbox's identity in cache keys: its URL has a random port, different on every run. */
export const SANDBOX_IDENTITY = 'sandbox';

/** The entry a candidate or judge uses: the one it names, else `openai`, else the only/first one. */
export function providerName(
  requested: string | undefined,
  providers: Record<string, ProviderConfig>,
  field: string,
): string {
  const names = Object.keys(providers);
  if (requested !== undefined) {
    if (providers[requested]) return requested;
    throw new TunekitError('UNKNOWN_REFERENCE', `no provider named "${requested}"${didYouMean(requested, names)}`, {
      context: {
        field,
        hint: names.length ? `providers: ${names.join(', ')}` : 'add a providers: map to the pipeline',
      },
    });
  }
  return providers[DEFAULT_PROVIDER] || names.length === 0 ? DEFAULT_PROVIDER : (names[0] as string);
}

export const defaultProviderFactory =
  (rt: EvaluatorRuntime): ProviderFactory =>
  async (_name, config) => {
    const plugin = await loadPlugin(config.use ?? 'provider-openai', 'provider', rt.baseDir);
    const options = plugin.options.parse(config);
    return plugin.create(options, { baseDir: rt.baseDir, logger: rt.logger, env: rt.env ?? process.env });
  };

/** One caller per provider entry: candidates and judges on the same endpoint share its adaptive concurrency. */
export class CallerPool {
  private readonly callers = new Map<string, Promise<ModelCaller>>();

  constructor(
    private readonly rt: EvaluatorRuntime,
    private readonly factory: ProviderFactory,
    private readonly cache: ResponseCache,
    private readonly settings: { concurrency: number; maxRetries: number; timeoutMs: number; backoffBaseMs?: number },
  ) {}

  get(name: string): Promise<ModelCaller> {
    let caller = this.callers.get(name);
    if (!caller) {
      caller = this.create(name);
      this.callers.set(name, caller);
    }
    return caller;
  }

  private async create(name: string): Promise<ModelCaller> {
    const config = this.rt.providers[name] ?? {};
    const provider = await this.factory(name, config);
    const limiter = new AdaptiveLimit(config.concurrency ?? this.settings.concurrency);
    return new ModelCaller(provider, limiter, this.cache, {
      // In a sandbox run every provider points at the built-in sandbox (`rt.sandbox`); a real endpoint keeps its URL.
      cacheIdentity: this.rt.sandbox ? SANDBOX_IDENTITY : provider.endpoint,
      maxRetries: this.settings.maxRetries,
      timeoutMs: config.timeout_ms ?? this.settings.timeoutMs,
      backoffBaseMs: this.settings.backoffBaseMs,
      signal: this.rt.signal,
      onRetry: ({ attempt, waitMs, reason }) =>
        this.rt.logger.debug(`retry ${attempt} on ${name} in ${Math.round(waitMs)} ms: ${reason}`),
    });
  }

  /** Sum of the configured concurrencies in use, to size the window of items in flight. */
  totalConcurrency(): number {
    return [...this.callers.keys()].reduce(
      (sum, name) => sum + (this.rt.providers[name]?.concurrency ?? this.settings.concurrency),
      0,
    );
  }
}

/**
 * A judge's view of a caller: cached, limited and retried like candidate calls, each answer tallied for its cost; a
 * final failure throws.
 */
export function asProvider(caller: ModelCaller, tally: EconomicsTally): Provider {
  return {
    specVersion: 'v1',
    endpoint: caller.provider.endpoint,
    async chat(request) {
      const outcome = await caller.call(request);
      if (!outcome.response) throw new TunekitError('PROVIDER_ERROR', outcome.error ?? 'judge request failed');
      tally.record(outcome.response.usage, outcome.response.latencyMs, outcome.cached);
      return outcome.response;
    },
  };
}

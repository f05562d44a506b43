import type { PluginBase, PluginEnv } from './plugin.js';

/** One entry of the pipeline's `providers:` map. Keys come from the environment, never from the file. */
export interface ProviderConfig {
  /** Provider plugin id; `provider-openai` (any OpenAI-compatible endpoint) when absent. */
  use?: string;
  base_url?: string;
  api_key_env?: string;
  headers?: Record<string, string>;
  azure?: { endpoint: string; api_version: string; deployment?: string };
  /** Requests in flight at once on this provider. */
  concurrency?: number;
  timeout_ms?: number;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool' | 'function' | 'developer';
  content: string | null | unknown[];
  name?: string;
  [key: string]: unknown;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  max_tokens?: number;
  temperature?: number;
  seed?: number;
  [key: string]: unknown;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  cachedTokens?: number;
}

export interface ChatResponse {
  text: string;
  finishReason?: string;
  usage?: Usage;
  latencyMs: number;
  requestId?: string;
  systemFingerprint?: string;
}

/**
 * What a provider attaches to a failed call, as `TunekitError('PROVIDER_ERROR', message, { context: <this> })`.
 * The evaluation runner owns retries and reads these fields; a provider never retries by itself.
 */
export interface ProviderFailure {
  status?: number;
  /** The service's error code, e.g. `rate_limit_exceeded`, `insufficient_quota`. */
  providerCode?: string;
  retryable: boolean;
  /** True on a 429 that asks the client to slow down (the runner lowers its concurrency). */
  rateLimited?: boolean;
  /** From `retry-after-ms` / `retry-after`, when the service sent one. */
  retryAfterMs?: number;
  requestId?: string;
}

/** One line of a batch: the runner's `custom_id` and the request body. */
export interface BatchRequest {
  customId: string;
  request: ChatRequest;
}

export type BatchStatus =
  | 'validating'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'failed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

export interface BatchState {
  id: string;
  status: BatchStatus;
  counts?: { total: number; completed: number; failed: number };
  /** Why a batch failed validation, one line per problem (the service's code, message and input line). */
  errors?: string[];
}

export interface BatchResult {
  customId: string;
  response?: ChatResponse;
  error?: string;
}

/** Asynchronous batch execution (OpenAI's Batch API): submit once, poll, collect by `custom_id`. */
export interface BatchApi {
  /**
   * Submits the requests, or returns a batch of the same requests submitted earlier (a rerun after a stop between
   * create and saving its id). `fresh` (--no-cache) reuses only a batch still running, never a completed one.
   */
  submit(
    requests: BatchRequest[],
    options?: BatchCallOptions & { metadata?: Record<string, string>; fresh?: boolean },
  ): Promise<BatchState>;
  status(batchId: string, options?: BatchCallOptions): Promise<BatchState>;
  /** Results of a finished batch (completed or expired: the work already done), in any order. */
  collect(batchId: string, options?: BatchCallOptions): AsyncIterable<BatchResult>;
}

export interface BatchCallOptions {
  signal?: AbortSignal;
  /**
   * Timeout of one Batch API request (uploading the requests, polling, downloading the answers), not the provider's
   * chat timeout: an upload of up to 200 MB takes longer than a chat answer. Waiting for the batch itself (hours) is
   * the caller's polling, under no request timeout.
   */
  timeoutMs?: number;
}

export interface Provider {
  readonly specVersion: 'v1';
  /** Stable identity of the endpoint (base URL), used in cache keys; never contains a secret. */
  readonly endpoint: string;
  chat(request: ChatRequest, options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<ChatResponse>;
  /** Present when the endpoint supports a batch API. */
  readonly batch?: BatchApi;
}

export interface ProviderPlugin<O = any> extends PluginBase<'provider', O> {
  create(options: O, env: PluginEnv): Provider | Promise<Provider>;
}

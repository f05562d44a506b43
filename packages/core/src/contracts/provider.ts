import type { z } from 'zod';
import type { PluginEnv } from './plugin.js';

/** One entry of the pipeline's `providers:` map. Keys come from the environment, never from the file. */
export interface ProviderConfig {
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

export interface Provider {
  readonly specVersion: 'v1';
  /** Stable identity of the endpoint (base URL), used in cache keys; never contains a secret. */
  readonly endpoint: string;
  chat(request: ChatRequest, options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<ChatResponse>;
}

export interface ProviderPlugin<O = any> {
  readonly specVersion: 'v1';
  readonly kind: 'provider';
  readonly id: string;
  readonly description: string;
  readonly options: z.ZodType<O>;
  create(options: O, env: PluginEnv): Provider | Promise<Provider>;
}

import type { AnyPlugin, Provider, ProviderPlugin } from '@tunekit/core';
import { createBatchApi } from './batch.js';
import { chatCompletion } from './chat.js';
import { createClient } from './client.js';
import { type ProviderOptions, providerOptionsSchema } from './options.js';

export { parseRetryAfter } from './classify-error.js';
export { type ProviderOptions, providerOptionsSchema } from './options.js';

export const providerOpenai: ProviderPlugin<ProviderOptions> = {
  specVersion: 'v1',
  kind: 'provider',
  id: 'provider-openai',
  description:
    'Chat completions on any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, the sandbox), and the Batch API.',
  options: providerOptionsSchema,
  create(options, env): Provider {
    const handle = createClient(options, env.env);
    const { client, endpoint } = handle;
    return {
      specVersion: 'v1',
      endpoint,
      chat: (request, callOptions) =>
        chatCompletion(client, handle, request, {
          ...callOptions,
          timeoutMs: callOptions?.timeoutMs ?? options.timeout_ms,
        }),
      batch: createBatchApi(client, handle),
    };
  },
};

export const plugins: Record<string, AnyPlugin> = { 'provider-openai': providerOpenai };

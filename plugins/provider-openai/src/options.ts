import { endpointUrlSchema } from '@tunekit/core';
import { z } from 'zod';

/** One entry of the pipeline's `providers:` map. API keys come from the environment, never from the file. */
export const providerOptionsSchema = z
  .strictObject({
    use: z.string().optional().describe('Provider plugin id (default: provider-openai).'),
    base_url: endpointUrlSchema()
      .optional()
      .describe('Base URL of an OpenAI-compatible API, including /v1 (default: https://api.openai.com/v1).'),
    api_key_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional()
      .describe('Name of the environment variable that holds the API key (default: OPENAI_API_KEY).'),
    headers: z.record(z.string(), z.string()).optional().describe('Extra HTTP headers sent with every request.'),
    azure: z
      .strictObject({
        endpoint: endpointUrlSchema().describe(
          'Azure OpenAI resource endpoint, e.g. https://my-resource.openai.azure.com/',
        ),
        api_version: z.string().describe('Azure OpenAI API version, e.g. 2024-10-21.'),
        deployment: z.string().optional().describe('Deployment name; when absent the model name is used.'),
      })
      .optional()
      .describe('Azure OpenAI settings; uses the SDK’s AzureOpenAI client.'),
    concurrency: z.number().int().min(1).max(1024).optional().describe('Requests in flight at once on this provider.'),
    timeout_ms: z.number().int().min(1).optional().describe('Timeout of one request in milliseconds.'),
  })
  .describe('An OpenAI-compatible endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, the sandbox).');

export type ProviderOptions = z.output<typeof providerOptionsSchema>;

import { assertUsableEndpointUrl, TunekitError } from '@tunekit/core';
import OpenAI, { AzureOpenAI } from 'openai';
import { createLocalHttpFetch } from './local-http-fetch.js';
import type { ProviderOptions } from './options.js';

const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** What error messages say about the endpoint: where it is and where its key comes from, never a secret. */
export interface EndpointInfo {
  /** Secret-free identity of the endpoint, used in cache keys and messages. */
  endpoint: string;
  /** The environment variable the API key comes from (its name, never its value), and whether it is set. */
  keyEnv: string;
  keySet: boolean;
}

export interface ClientHandle extends EndpointInfo {
  client: OpenAI;
}

function keyVariable(options: ProviderOptions): string {
  return options.api_key_env ?? (options.azure ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY');
}

/** Local servers (vLLM, Ollama, the sandbox) accept any key; the hosted services need a real one. */
function resolveApiKey(options: ProviderOptions, env: NodeJS.ProcessEnv): string {
  const name = keyVariable(options);
  const key = env[name];
  if (key) return key;
  const isHosted = options.azure !== undefined || options.base_url === undefined;
  if (isHosted) {
    throw new TunekitError('MISSING_API_KEY', `environment variable ${name} is not set`, {
      context: { field: 'providers.api_key_env', hint: `export ${name}=... (keys never go in the pipeline file)` },
    });
  }
  return 'unused';
}

/** An SDK client with its own retries off: the evaluation runner owns retries, backoff and timeouts. */
export function createClient(options: ProviderOptions, env: NodeJS.ProcessEnv): ClientHandle {
  const keyEnv = keyVariable(options);
  if (options.base_url) assertUsableEndpointUrl(options.base_url, 'providers.base_url', keyEnv);
  if (options.azure) assertUsableEndpointUrl(options.azure.endpoint, 'providers.azure.endpoint', keyEnv);
  const apiKey = resolveApiKey(options, env);
  const key = { keyEnv, keySet: Boolean(env[keyEnv]) };
  const common = { apiKey, maxRetries: 0, defaultHeaders: options.headers, timeout: options.timeout_ms ?? 600_000 };
  if (options.azure) {
    const { endpoint, api_version, deployment } = options.azure;
    const client = new AzureOpenAI({ ...common, endpoint, apiVersion: api_version, deployment });
    return {
      client,
      endpoint: `azure:${endpoint.replace(/\/+$/, '')}${deployment ? `/deployments/${deployment}` : ''}`,
      ...key,
    };
  }
  const baseURL = (options.base_url ?? OPENAI_BASE_URL).replace(/\/+$/, '');
  // A plain-http endpoint is a local server (the sandbox, vLLM, Ollama): the leaner keep-alive fetch pays off there.
  const fetch = baseURL.startsWith('http:') ? createLocalHttpFetch() : undefined;
  return { client: new OpenAI({ ...common, baseURL, ...(fetch && { fetch }) }), endpoint: baseURL, ...key };
}

import { assertUsableEndpointUrl, type ProviderConfig, secretFreeUrl, TunekitError } from '@tunekit/core';
import OpenAI, { AzureOpenAI } from 'openai';
import type { TrainerOpenAIOptions } from './options.js';

export interface TrainingClient {
  client: OpenAI;
  /** The pipeline provider name, reported with the model so the evaluation calls the same endpoint. */
  providerName: string;
  /** Where jobs go, without any secret; for messages. */
  endpoint: string;
  /** The environment variable the API key comes from (its name, never its value), and whether it is set. */
  keyEnv: string;
  keySet: boolean;
}

function keyVariable(config: ProviderConfig): string {
  return config.api_key_env ?? (config.azure ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY');
}

/** Hosted services need a real key; a local OpenAI-compatible server (vLLM, the sandbox) takes any. */
function apiKeyFor(config: ProviderConfig, providerName: string, env: NodeJS.ProcessEnv): string {
  const variable = keyVariable(config);
  const value = env[variable];
  if (value) return value;
  if (config.base_url && !config.azure && !/\.openai\.com(\/|$)/.test(new URL(config.base_url).host))
    return 'tunekit-no-key';
  throw new TunekitError(
    'MISSING_API_KEY',
    `${variable} is not set (needed by provider \`${providerName}\` to train)`,
    {
      context: {
        field: `providers.${providerName}.api_key_env`,
        hint: `export ${variable}=… — keys never go in the pipeline file`,
      },
    },
  );
}

/**
 * An OpenAI or AzureOpenAI client for the provider the trainer options name, with an explicit timeout and the SDK's
 * own retries off: the trainer's `persist` loop retries (`max_retries`), and two loops would multiply the attempts.
 */
export function createTrainingClient(
  options: TrainerOpenAIOptions,
  providers: Record<string, ProviderConfig>,
  env: NodeJS.ProcessEnv,
): TrainingClient {
  const providerName = options.provider;
  const config = providers[providerName];
  if (!config && providerName !== 'openai') {
    const known = Object.keys(providers).join(', ') || 'none';
    throw new TunekitError(
      'CONFIG_INVALID',
      `train.with.provider: no provider named \`${providerName}\` (known: ${known})`,
      {
        context: { field: 'train.with.provider' },
      },
    );
  }
  const entry = config ?? {};
  const keyEnv = keyVariable(entry);
  if (entry.base_url) assertUsableEndpointUrl(entry.base_url, `providers.${providerName}.base_url`, keyEnv);
  if (entry.azure) assertUsableEndpointUrl(entry.azure.endpoint, `providers.${providerName}.azure.endpoint`, keyEnv);
  const common = {
    apiKey: apiKeyFor(entry, providerName, env),
    maxRetries: 0,
    timeout: entry.timeout_ms ?? options.timeout_ms,
    defaultHeaders: entry.headers,
  };
  const described = { providerName, keyEnv, keySet: Boolean(env[keyEnv]) };
  if (entry.azure) {
    const { endpoint, api_version } = entry.azure;
    return {
      client: new AzureOpenAI({ ...common, endpoint, apiVersion: api_version }),
      endpoint: `azure ${secretFreeUrl(endpoint)}`,
      ...described,
    };
  }
  const baseURL = entry.base_url ?? 'https://api.openai.com/v1';
  return { client: new OpenAI({ ...common, baseURL }), endpoint: secretFreeUrl(baseURL), ...described };
}

import type { ProviderConfig } from '../contracts/provider.js';

/** An OpenAI-compatible stand-in (the sandbox) every provider of a run is pointed at, with the env var of its key. */
export interface SandboxTarget {
  baseURL: string;
  apiKeyEnv: string;
}

/** The providers with every entry (Azure ones included) pointed at the sandbox. */
export function pointAtSandbox(
  providers: Record<string, ProviderConfig>,
  sandbox: SandboxTarget,
): Record<string, ProviderConfig> {
  return Object.fromEntries(
    Object.entries(providers).map(([name, entry]) => [
      name,
      { ...entry, azure: undefined, base_url: sandbox.baseURL, api_key_env: sandbox.apiKeyEnv },
    ]),
  );
}

/**
 * Azure OpenAI's URL shapes, served by the same routes: `/openai/<path>?api-version=…` and, for model calls,
 * `/openai/deployments/<deployment>/<path>`; the v1 API `/openai/v1/<path>` (no api-version). Azure clients
 * authenticate with an `api-key` header.
 */
const DEPLOYMENT = /^\/openai\/deployments\/[^/]+(\/.*)$/;
const V1 = '/openai/v1/';

/** The OpenAI path an Azure path stands for, or the path unchanged. */
export function openAiPath(path: string): string {
  if (!path.startsWith('/openai/')) return path;
  if (path.startsWith(V1)) return path.slice('/openai'.length);
  const deployment = DEPLOYMENT.exec(path);
  return `/v1${deployment ? deployment[1] : path.slice('/openai'.length)}`;
}

/** `Authorization: Bearer …`, or Azure's `api-key` header in the same form. */
export function bearerOf(authorization: string | undefined, apiKey: string | string[] | undefined): string | undefined {
  if (authorization !== undefined) return authorization;
  const key = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  return key ? `Bearer ${key}` : undefined;
}

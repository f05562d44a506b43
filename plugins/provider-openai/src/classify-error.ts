import { type ProviderFailure, TunekitError } from '@tunekit/core';
import { APIConnectionError, APIError, APIUserAbortError, AuthenticationError, PermissionDeniedError } from 'openai';
import type { EndpointInfo } from './client.js';

const RETRY_AFTER_CAP_MS = 5 * 60_000;

/** `retry-after-ms`, else `retry-after` as seconds or an HTTP date. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, RETRY_AFTER_CAP_MS);
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, RETRY_AFTER_CAP_MS);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - now), RETRY_AFTER_CAP_MS);
}

function isRetryableStatus(status: number, code: string | undefined): boolean {
  if (status === 429) return code !== 'insufficient_quota';
  return status === 408 || status === 409 || status >= 500;
}

/**
 * The one place where the plugin turns an SDK error into a TunekitError. 401/403 become API_KEY_REJECTED (a user
 * error: one line, exit 2) naming the endpoint and the variable the key came from, never the key nor the service's
 * text of a 401 (which can quote part of the key); anything else a PROVIDER_ERROR carrying what the runner needs to
 * decide on a retry.
 */
export function classifyError(error: unknown, target: EndpointInfo, model: string): unknown {
  if (TunekitError.is(error)) return error;
  const { endpoint } = target;
  if (error instanceof APIUserAbortError) return new TunekitError('ABORTED', 'request aborted', { cause: error });
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError)
    return keyRejected(error, target, model);
  if (error instanceof APIConnectionError) {
    const failure: ProviderFailure = { retryable: true };
    return new TunekitError('PROVIDER_ERROR', `${model} at ${endpoint}: ${error.message}`, {
      cause: error,
      context: { ...failure },
    });
  }
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    const providerCode = typeof error.code === 'string' ? error.code : undefined;
    const failure: ProviderFailure = {
      status,
      providerCode,
      retryable: isRetryableStatus(status, providerCode),
      rateLimited: status === 429 && providerCode !== 'insufficient_quota',
      retryAfterMs: parseRetryAfter(error.headers),
      requestId: error.requestID ?? undefined,
    };
    const message = `${model} at ${endpoint}: HTTP ${status}${providerCode ? ` ${providerCode}` : ''}: ${firstLine(error.message)}`;
    return new TunekitError('PROVIDER_ERROR', message, { cause: error, context: { ...failure } });
  }
  return error;
}

function keyRejected(error: AuthenticationError | PermissionDeniedError, target: EndpointInfo, model: string) {
  const { endpoint, keyEnv, keySet } = target;
  const status = error.status;
  const code = typeof error.code === 'string' ? ` ${error.code}` : '';
  const failure: ProviderFailure = { status, providerCode: code.trim() || undefined, retryable: false };
  const message =
    status === 401
      ? keySet
        ? `${model} at ${endpoint}: the endpoint rejected the API key in ${keyEnv} (HTTP 401${code})`
        : `${model} at ${endpoint}: the endpoint asks for an API key (HTTP 401${code}) and ${keyEnv} is not set`
      : `${model} at ${endpoint}: the endpoint refused the API key in ${keyEnv} (HTTP 403${code}): ${firstLine(error.message.replace(/^\d{3}\s+/, ''))}`;
  return new TunekitError('API_KEY_REJECTED', message, {
    cause: error,
    context: {
      ...failure,
      field: 'providers.api_key_env',
      hint:
        status === 401
          ? `export a valid key as ${keyEnv}, or name the variable that holds it in api_key_env`
          : `use a key (in ${keyEnv}) allowed to call ${model} on this endpoint`,
    },
  });
}

/** The first line of a service message, with anything that looks like a key masked. */
function firstLine(text: string): string {
  return (text.split(/\r?\n/)[0] ?? '')
    .slice(0, 300)
    .replace(/\b(Bearer\s+)\S+/gi, '$1***')
    .replace(/\bsk-[A-Za-z0-9_*-]{4,}/g, 'sk-***');
}

import { type ProviderFailure, TunekitError } from '@tunekit/core';
import { APIConnectionError, APIError, APIUserAbortError } from 'openai';

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

/** Turns an SDK error into a PROVIDER_ERROR carrying what the runner needs to decide on a retry. */
export function classifyError(error: unknown, endpoint: string, model: string): unknown {
  if (TunekitError.is(error)) return error;
  if (error instanceof APIUserAbortError) return new TunekitError('ABORTED', 'request aborted', { cause: error });
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

function firstLine(text: string): string {
  return (text.split(/\r?\n/)[0] ?? '').slice(0, 300);
}

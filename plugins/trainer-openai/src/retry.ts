import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger, TunekitError } from '@tunekit/core';
import { APIConnectionError, APIError, APIUserAbortError } from 'openai';

const MAX_WAIT_MS = 60_000;

/** Worth trying again: the network, a timeout, 408/409, 5xx and 429 except `insufficient_quota` (which never clears by waiting). */
export function isTransient(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true;
  if (!(error instanceof APIError) || error.status === undefined) return false;
  if (error.status === 429) return error.code !== 'insufficient_quota';
  return error.status === 408 || error.status === 409 || error.status >= 500;
}

/** The wait the service asked for (`retry-after-ms`, or `retry-after` in seconds or as an HTTP date), in ms. */
export function requestedWaitMs(error: unknown): number | undefined {
  const headers = error instanceof APIError ? error.headers : undefined;
  if (!headers) return undefined;
  const inMs = headers.get('retry-after-ms');
  if (inMs !== null && Number.isFinite(Number(inMs))) return Number(inMs);
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export interface PersistOptions {
  signal: AbortSignal;
  logger: Logger;
  /** What is being done, for the log line: "reading job ftjob-1". */
  what: string;
  /** Give up after this many attempts; unlimited when absent (watching must never lose the job). */
  attempts?: number;
  baseDelayMs?: number;
}

/**
 * Runs `operation` until it succeeds, retrying transient failures (on top of the SDK's own short retries) with
 * exponential backoff that honours `retry-after`. Other errors and an abort end it at once.
 */
export async function persist<T>(operation: () => Promise<T>, options: PersistOptions): Promise<T> {
  const base = options.baseDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (options.signal.aborted) throw abortError(options.what);
      if (!isTransient(error) || (options.attempts !== undefined && attempt >= options.attempts)) throw error;
      const backoff = Math.min(MAX_WAIT_MS, base * 2 ** Math.min(attempt - 1, 10)) * (0.75 + Math.random() * 0.25);
      const wait = Math.min(MAX_WAIT_MS, requestedWaitMs(error) ?? backoff);
      options.logger.warn(`${options.what}: ${describe(error)}; retrying in ${Math.round(wait)} ms`);
      await sleep(wait, undefined, { signal: options.signal }).catch(() => {
        throw abortError(options.what);
      });
    }
  }
}

function abortError(what: string): TunekitError {
  return new TunekitError('ABORTED', `aborted while ${what}`);
}

export function describe(error: unknown): string {
  if (error instanceof APIError && error.status !== undefined)
    return `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}`;
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
}

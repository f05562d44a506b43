import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger, TunekitError, withScopedSignal } from '@tunekit/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

const MAX_WAIT_MS = 60_000;

/**
 * Connection failures that outlasted a bounded `persist`: what was being done and how often it was tried. The
 * trainer turns it into one line naming the endpoint (`api-errors.ts`); an enclosing `persist` does not retry it.
 */
export class ConnectionGaveUp extends Error {
  constructor(
    readonly what: string,
    readonly attempts: number,
    override readonly cause: APIConnectionError,
  ) {
    super(`${what}: ${describe(cause)} on ${attempts} attempts`);
    this.name = 'ConnectionGaveUp';
  }
}

/**
 * Worth trying again: the network, a timeout, 408/409, 5xx and 429 except `insufficient_quota` (which never clears by
 * waiting). A request fetch refuses to send (a blocked port, a URL with a login) fails the same way every time.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return !refusedByFetch(error);
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
  /**
   * Give up after this many attempts; unlimited when absent (watching must never lose the job). Connection failures
   * that use them all up end in a `ConnectionGaveUp`; other errors are thrown as they are.
   */
  attempts?: number;
  baseDelayMs?: number;
}

/**
 * Runs `operation` until it succeeds, retrying transient failures (the only retries: the SDK's are off) with
 * exponential backoff that honours `retry-after`. Other errors and an abort end it at once. Each attempt gets its
 * own child of `options.signal` for its requests: the SDK adds an abort listener to a request's signal and never
 * removes it, so requests on the run's one signal would pile them up (Node warns past 10).
 */
export async function persist<T>(operation: (signal: AbortSignal) => Promise<T>, options: PersistOptions): Promise<T> {
  const base = options.baseDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await withScopedSignal(options.signal, operation);
    } catch (error) {
      if (options.signal.aborted) throw abortError(options.what);
      if (!isTransient(error)) throw error;
      if (options.attempts !== undefined && attempt >= options.attempts)
        throw error instanceof APIConnectionError ? new ConnectionGaveUp(options.what, attempt, error) : error;
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

/** A short, secret-free account of a failure for warnings: `HTTP 503`, `connection refused (ECONNREFUSED)`. */
export function describe(error: unknown): string {
  if (error instanceof APIError && error.status !== undefined)
    return `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}`;
  if (error instanceof APIConnectionError) return connectionReason(error);
  return scrubSecrets(error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error));
}

const ERRNO_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connect timeout',
  UND_ERR_CONNECT_TIMEOUT: 'connect timeout',
  UND_ERR_SOCKET: 'connection closed',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
};

/** fetch's own refusals, before any connection: the fetch spec's blocked ports, URLs with credentials. */
function refusedByFetch(error: APIConnectionError): boolean {
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 5 && cause instanceof Error; depth++, cause = cause.cause)
    if (cause.message === 'bad port' || /URL that includes credentials/.test(cause.message)) return true;
  return false;
}

/**
 * Why a connection failed, from the error codes along the `cause` chain; never the messages below the SDK's own
 * ("Connection error."), which can quote the request URL.
 */
export function connectionReason(error: APIConnectionError): string {
  if (error instanceof APIConnectionTimeoutError) return 'request timed out';
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 5 && cause instanceof Error; depth++, cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) {
      const text = ERRNO_TEXT[code];
      return text ? `${text} (${code})` : `connection error (${code})`;
    }
    // undici refuses the ports of the fetch spec's block list (e.g. 9, 25, 6000) without trying them.
    if (cause.message === 'bad port') return 'port blocked by fetch (bad port)';
    if (/URL that includes credentials/.test(cause.message)) return 'fetch refuses a URL with a login in it';
  }
  return 'connection error';
}

/** Takes logins out of URLs (`//user:password@host` → `//host`) and masks bearer tokens and `sk-` keys. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/\/\/[^/\s@]*@/g, '//')
    .replace(/\b(Bearer\s+)\S+/gi, '$1***')
    .replace(/\bsk-[A-Za-z0-9_-]{4,}/g, 'sk-***');
}

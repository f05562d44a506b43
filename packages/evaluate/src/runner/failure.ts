import { type ProviderFailure, TunekitError } from '@tunekit/core';

/** What the runner knows about a failed call; errors that are not PROVIDER_ERRORs (network, timeouts) are retryable. */
export function failureOf(error: unknown): ProviderFailure & { message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (TunekitError.is(error, 'PROVIDER_ERROR')) {
    const ctx = error.context as Partial<ProviderFailure>;
    return { ...ctx, retryable: ctx.retryable ?? false, message };
  }
  if (TunekitError.is(error)) return { retryable: false, message };
  return { retryable: true, message };
}

/**
 * An interruption, or a user error such as a rejected key or an unreachable endpoint: it would fail every item
 * alike, so it stops the run instead of becoming one item's error.
 */
export function stopsTheRun(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (TunekitError.is(error) && error.isUserError);
}

/** Exponential backoff with jitter, unless the service said how long to wait. */
export function backoffMs(attempt: number, baseMs: number, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const ceiling = Math.min(baseMs * 2 ** attempt, 30_000);
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * Runs `work` with a child of `parent` that is unlinked afterwards, optionally aborted after `timeoutMs`. The openai SDK
 * adds an abort listener to every request's signal and never removes it (and `AbortSignal.any` keeps its sources'
 * listeners until GC), so long runs with one long-lived signal would pile them up.
 */
export async function withScopedSignal<T>(
  parent: AbortSignal,
  work: (signal: AbortSignal) => Promise<T>,
  timeoutMs?: number,
): Promise<T> {
  const child = new AbortController();
  const forward = () => child.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => child.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  try {
    return await work(child.signal);
  } finally {
    clearTimeout(timer);
    parent.removeEventListener('abort', forward);
  }
}

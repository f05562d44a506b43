/**
 * Runs `work` with a child of `parent` that is unlinked afterwards. The SDK adds an abort listener to every request's
 * signal and never removes it, so a watcher polling for hours with one long-lived signal would pile them up.
 */
export async function withScopedSignal<T>(parent: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const child = new AbortController();
  const forward = () => child.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  try {
    return await work(child.signal);
  } finally {
    parent.removeEventListener('abort', forward);
  }
}

/**
 * The slowest link an upload is given time for: 100 KB/s. `timeout_ms` suits a request that carries little; a file
 * or a part (up to 64 MB) sent over a slow link would time out on every attempt, so its timeout grows with its size.
 */
const SLOWEST_BYTES_PER_SECOND = 100 * 1024;

/** Timeout of a request that sends `bytes`: the client's own, or the time they take at the slowest link, if longer. */
export function uploadTimeoutMs(bytes: number, requestTimeoutMs: number): number {
  return Math.max(requestTimeoutMs, Math.ceil((bytes / SLOWEST_BYTES_PER_SECOND) * 1000));
}

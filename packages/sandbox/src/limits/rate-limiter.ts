/** Sliding-window limits on requests and tokens per (simulated) minute; 0 means unlimited. */
export interface RateLimiter {
  /** Records the request when allowed; otherwise says how long until it would be. */
  take(
    tokens: number,
    nowMs: number,
  ): { allowed: true } | { allowed: false; retryAfterMs: number; limit: 'requests' | 'tokens' };
  /** Adds tokens used after the answer was computed (completion tokens). */
  addTokens(tokens: number, nowMs: number): void;
  headers(nowMs: number): Record<string, string>;
}

export function createRateLimiter(rpm: number, tpm: number, windowMs: number): RateLimiter {
  const requests: number[] = [];
  const tokenEntries: { at: number; tokens: number }[] = [];
  let tokensInWindow = 0;

  const expire = (now: number) => {
    const horizon = now - windowMs;
    let drop = 0;
    while (drop < requests.length && requests[drop]! <= horizon) drop++;
    if (drop > 0) requests.splice(0, drop);
    drop = 0;
    while (drop < tokenEntries.length && tokenEntries[drop]!.at <= horizon)
      tokensInWindow -= tokenEntries[drop++]!.tokens;
    if (drop > 0) tokenEntries.splice(0, drop);
  };

  const headers = (now: number): Record<string, string> => {
    const out: Record<string, string> = {};
    if (rpm > 0) {
      out['x-ratelimit-limit-requests'] = String(rpm);
      out['x-ratelimit-remaining-requests'] = String(Math.max(0, rpm - requests.length));
      out['x-ratelimit-reset-requests'] = formatDuration(requests[0] === undefined ? 0 : requests[0] + windowMs - now);
    }
    if (tpm > 0) {
      out['x-ratelimit-limit-tokens'] = String(tpm);
      out['x-ratelimit-remaining-tokens'] = String(Math.max(0, tpm - tokensInWindow));
      out['x-ratelimit-reset-tokens'] = formatDuration(
        tokenEntries[0] === undefined ? 0 : tokenEntries[0].at + windowMs - now,
      );
    }
    return out;
  };

  const addTokens = (tokens: number, now: number) => {
    if (tpm <= 0 || tokens <= 0) return;
    tokenEntries.push({ at: now, tokens });
    tokensInWindow += tokens;
  };

  return {
    take(tokens, now) {
      expire(now);
      if (rpm > 0 && requests.length >= rpm) {
        return { allowed: false, retryAfterMs: requests[0]! + windowMs - now, limit: 'requests' };
      }
      if (tpm > 0 && tokensInWindow + tokens > tpm && tokenEntries.length > 0) {
        // Wait until enough old entries leave the window for this request to fit.
        let freed = tpm - tokensInWindow;
        let waitUntil = now;
        for (const entry of tokenEntries) {
          freed += entry.tokens;
          waitUntil = entry.at + windowMs;
          if (freed >= tokens) break;
        }
        return { allowed: false, retryAfterMs: waitUntil - now, limit: 'tokens' };
      }
      if (rpm > 0) requests.push(now);
      addTokens(tokens, now);
      return { allowed: true };
    },
    addTokens,
    headers,
  };
}

/** The service's duration format: `12ms`, `1s`, `6m0s`. */
export function formatDuration(ms: number): string {
  const value = Math.max(0, Math.ceil(ms));
  if (value < 1000) return `${value}ms`;
  const totalSeconds = value / 1000;
  if (totalSeconds < 60) return `${Number(totalSeconds.toFixed(3))}s`;
  const minutes = Math.floor(totalSeconds / 60);
  return `${minutes}m${Math.round(totalSeconds - minutes * 60)}s`;
}

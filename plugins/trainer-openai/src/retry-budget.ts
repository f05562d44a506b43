/**
 * How many times the trainer tries one request, from `max_retries`. The SDK's own retries are off (`client.ts`):
 * this loop is the only one, so a failing request is tried `max_retries + 1` times, not that times the SDK's.
 */
export interface RetryBudget {
  /** A request that uploads, creates or cancels: `max_retries + 1` attempts. */
  request: number;
  /**
   * The first contact, before anything is launched: a closed port or an unknown host is most likely a setting, so
   * the run stops after at most `CONNECT_ATTEMPTS` (about half a minute with the doubling backoff).
   */
  firstContact: number;
  /** A one-shot read for a command (`tunekit train status`): at most `ONE_SHOT_ATTEMPTS`. */
  oneShot: number;
}

export const CONNECT_ATTEMPTS = 5;
export const ONE_SHOT_ATTEMPTS = 3;

export function retryBudget(maxRetries: number): RetryBudget {
  const request = maxRetries + 1;
  return {
    request,
    firstContact: Math.min(CONNECT_ATTEMPTS, request),
    oneShot: Math.min(ONE_SHOT_ATTEMPTS, request),
  };
}

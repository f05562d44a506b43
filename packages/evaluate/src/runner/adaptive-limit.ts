import pLimit, { type LimitFunction } from 'p-limit';

/**
 * p-limit with additive-increase / multiplicative-decrease: a 429 halves the concurrency (once per cool-down, not
 * once per request that was already in flight), and each run of successes as long as the current limit adds one slot.
 */
export class AdaptiveLimit {
  private readonly limit: LimitFunction;
  private successes = 0;
  private lastDecrease = Number.NEGATIVE_INFINITY;

  constructor(
    readonly max: number,
    private readonly coolDownMs = 1000,
  ) {
    this.limit = pLimit(max);
  }

  get concurrency(): number {
    return this.limit.concurrency;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return this.limit(task);
  }

  onRateLimited(now = performance.now()): void {
    this.successes = 0;
    if (now - this.lastDecrease < this.coolDownMs) return;
    this.lastDecrease = now;
    this.limit.concurrency = Math.max(1, Math.floor(this.limit.concurrency / 2));
  }

  onSuccess(): void {
    if (this.limit.concurrency >= this.max) return;
    if (++this.successes >= this.limit.concurrency) {
      this.successes = 0;
      this.limit.concurrency += 1;
    }
  }
}

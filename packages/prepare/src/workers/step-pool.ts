import { createWorkerPool, type StepContext, type WorkerPool } from '@tunekit/core';

/**
 * The run's shared pool; a context without one (made by hand) gets a pool of its own for this step, which
 * `release` closes.
 */
export function stepPool(ctx: StepContext): { pool: WorkerPool; release(): Promise<void> } {
  if (ctx.pool) return { pool: ctx.pool, release: async () => {} };
  const own = createWorkerPool(ctx.workers);
  return { pool: own, release: () => own.close() };
}

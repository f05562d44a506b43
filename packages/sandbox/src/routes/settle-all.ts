import { settleBatch } from '../batches/settle-batch.js';
import type { SandboxContext } from '../context.js';
import { settleJob } from '../jobs/job-view.js';

/** Brings every job and batch up to date, so that the files they produce are listed. */
export async function settleAll(ctx: SandboxContext): Promise<void> {
  for (const job of ctx.store.jobs.values()) await settleJob(ctx, job);
  for (const batch of ctx.store.batches.values()) await settleBatch(ctx, batch);
}

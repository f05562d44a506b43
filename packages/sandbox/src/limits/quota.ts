import type { SandboxContext } from '../context.js';
import { ApiError } from '../http/api-error.js';

/** In `insufficientQuota` mode every spending request fails like an account without credit; the SDK must not retry. */
export function assertQuota(ctx: SandboxContext): void {
  if (!ctx.options.insufficientQuota) return;
  ctx.stats.insufficientQuota += 1;
  throw new ApiError(
    429,
    'You exceeded your current quota, please check your plan and billing details.',
    'insufficient_quota',
    'insufficient_quota',
    null,
    { 'x-should-retry': 'false' },
  );
}

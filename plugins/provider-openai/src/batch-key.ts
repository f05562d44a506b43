import { createHash } from 'node:crypto';
import type OpenAI from 'openai';
import type { Batch } from 'openai/resources/batches';

/** The metadata key a submitted batch carries: the sha256 of its input file, so a rerun can find it. */
export const METADATA_BATCH_KEY = 'tunekit_batch';

/** What each request of the Batch API is sent with: the run's signal and the batch requests' own timeout. */
export interface BatchRequestOptions {
  signal?: AbortSignal;
  timeout?: number;
}

/** Batches to look through, newest first, before deciding that none was submitted. */
const SCAN_LIMIT = 1000;
/** Batches that will not answer (any more): the same requests are submitted again. */
const GIVEN_UP = new Set<Batch['status']>(['failed', 'expired', 'cancelling', 'cancelled']);

export function batchKey(inputFile: string): string {
  return createHash('sha256').update(inputFile).digest('hex');
}

/**
 * A batch of the same requests submitted earlier that is running, or (unless `runningOnly`: --no-cache asks for new
 * answers) completed with its output still there. The runner saves a batch's id only after `batches.create` answers:
 * a run stopped in between (Ctrl-C, a crash, a lost answer) would otherwise pay for the same requests twice on the
 * rerun.
 */
export async function findBatch(
  client: OpenAI,
  key: string,
  options: { request?: BatchRequestOptions; runningOnly?: boolean } = {},
): Promise<Batch | undefined> {
  const { request = {}, runningOnly = false } = options;
  let scanned = 0;
  for await (const batch of client.batches.list({ limit: 100 }, request)) {
    const skipped = GIVEN_UP.has(batch.status) || (runningOnly && batch.status === 'completed');
    if (batch.metadata?.[METADATA_BATCH_KEY] === key && !skipped) {
      if (await outputKept(client, batch, request)) return batch;
    }
    if (++scanned >= SCAN_LIMIT) break;
  }
  return undefined;
}

/** Output files expire: a completed batch whose output is gone cannot be collected, so it is not reused. */
async function outputKept(client: OpenAI, batch: Batch, request: BatchRequestOptions): Promise<boolean> {
  if (batch.status !== 'completed' || !batch.output_file_id) return true;
  return client.files.retrieve(batch.output_file_id, request).then(
    () => true,
    (error: unknown) => {
      if ((error as { status?: number }).status === 404) return false;
      throw error;
    },
  );
}

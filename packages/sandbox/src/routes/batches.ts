import { batchClock } from '../batches/batch-clock.js';
import { batchPhases, batchView } from '../batches/batch-view.js';
import { readBatchInput } from '../batches/read-batch-input.js';
import { settleBatch } from '../batches/settle-batch.js';
import type { SandboxContext } from '../context.js';
import { badRequest, notFound } from '../http/api-error.js';
import { readJsonObject, sendJson } from '../http/http-io.js';
import { paginate } from '../http/pagination.js';
import type { Route } from '../http/router.js';
import { newId } from '../ids.js';
import { readMetadata } from '../jobs/job-request.js';
import { assertQuota } from '../limits/quota.js';
import type { BatchRecord } from '../store/records.js';

const SUPPORTED_ENDPOINT = '/v1/chat/completions';

export function batchRoutes(ctx: SandboxContext): Route[] {
  const { store } = ctx;
  const batchOr404 = async (id: string) => {
    const batch = store.batches.get(id);
    if (!batch) throw notFound('batch', id);
    await settleBatch(ctx, batch);
    return batch;
  };
  return [
    {
      method: 'POST',
      pattern: '/v1/batches',
      handler: async ({ req, res }) => {
        const body = await readJsonObject(req);
        const { input_file_id: inputFileId, endpoint, completion_window: window } = body;
        if (typeof inputFileId !== 'string')
          throw badRequest("Missing required parameter: 'input_file_id'.", 'input_file_id');
        if (endpoint !== SUPPORTED_ENDPOINT) {
          throw badRequest(
            `The sandbox runs batches for '${SUPPORTED_ENDPOINT}' only, not '${String(endpoint)}'.`,
            'endpoint',
          );
        }
        if (window !== '24h')
          throw badRequest("Invalid 'completion_window': only '24h' is supported.", 'completion_window');
        const metadata = readMetadata(body.metadata);
        const file = store.files.get(inputFileId);
        if (!file) throw notFound('file', inputFileId, 'input_file_id');
        if (file.purpose !== 'batch')
          throw badRequest(`File ${inputFileId} must have purpose 'batch', not '${file.purpose}'.`, 'input_file_id');
        assertQuota(ctx);
        const { requests, errors } = readBatchInput(await store.contents.read(inputFileId), endpoint);
        const batch: BatchRecord = {
          id: newId.batch(),
          endpoint,
          inputFileId,
          completionWindow: window,
          metadata,
          createdAtMs: ctx.now(),
          phases: batchPhases(ctx.options.timeScale),
          ...(ctx.options.expireBatchesAt === undefined ? {} : { expiresAtShare: ctx.options.expireBatchesAt }),
          validationErrors: errors,
          total: requests.length,
          cancelledAtMs: null,
          finishedAtMs: null,
          outputFileId: null,
          errorFileId: null,
          counts: null,
          usage: null,
        };
        store.batches.set(batch.id, batch);
        ctx.stats.batchesCreated += 1;
        await store.save();
        sendJson(res, 200, batchView(batch, ctx.now()));
      },
    },
    {
      method: 'GET',
      pattern: '/v1/batches',
      handler: async ({ res, query }) => {
        const batches = [...store.batches.values()].reverse();
        for (const batch of batches) await settleBatch(ctx, batch);
        const page = paginate(batches, query, 20);
        sendJson(res, 200, { ...page, data: page.data.map((batch) => batchView(batch, ctx.now())) });
      },
    },
    {
      method: 'GET',
      pattern: '/v1/batches/:id',
      handler: async ({ res, params }) => sendJson(res, 200, batchView(await batchOr404(params.id!), ctx.now())),
    },
    {
      method: 'POST',
      pattern: '/v1/batches/:id/cancel',
      handler: async ({ res, params }) => {
        const batch = await batchOr404(params.id!);
        const { status } = batchClock(batch, ctx.now());
        if (status !== 'validating' && status !== 'in_progress') {
          throw badRequest(`Cannot cancel a batch with status '${status}'.`, null, 'batch_not_cancellable');
        }
        batch.cancelledAtMs = ctx.now();
        await store.save();
        sendJson(res, 200, batchView(batch, ctx.now()));
      },
    },
  ];
}

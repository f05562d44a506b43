import type { SandboxContext } from '../context.js';
import { sendJson } from '../http/http-io.js';
import type { Route } from '../http/router.js';
import { jobOfModel, modelNotFound } from '../models/fine-tuned-models.js';

/** Base models the sandbox lists; any other base model name is answered too. */
const BASE_MODELS = [
  'gpt-4o-mini-2024-07-18',
  'gpt-4o-2024-08-06',
  'gpt-4.1-2025-04-14',
  'gpt-4.1-mini-2025-04-14',
  'gpt-4.1-nano-2025-04-14',
  'gpt-3.5-turbo-0125',
];

export function modelRoutes(ctx: SandboxContext): Route[] {
  const model = (id: string, created: number, ownedBy: string) => ({ id, object: 'model', created, owned_by: ownedBy });
  const fineTuned = () =>
    [...ctx.store.jobs.values()]
      .filter((job) => jobOfModel(ctx, job.fineTunedModel) === job)
      .map((job) => model(job.fineTunedModel, Math.floor(job.createdAtMs / 1000), `org-${ctx.options.org}`));
  return [
    {
      method: 'GET',
      pattern: '/v1/models',
      handler: ({ res }) =>
        sendJson(res, 200, {
          object: 'list',
          data: [...BASE_MODELS.map((id) => model(id, 1_700_000_000, 'system')), ...fineTuned()],
        }),
    },
    {
      method: 'GET',
      pattern: '/v1/models/:id',
      handler: ({ res, params }) => {
        const id = params.id!;
        if (!id.startsWith('ft:')) return sendJson(res, 200, model(id, 1_700_000_000, 'system'));
        const job = jobOfModel(ctx, id);
        if (!job) throw modelNotFound(id);
        sendJson(res, 200, model(id, Math.floor(job.createdAtMs / 1000), `org-${ctx.options.org}`));
      },
    },
    {
      method: 'DELETE',
      pattern: '/v1/models/:id',
      handler: async ({ res, params }) => {
        const id = params.id!;
        const job = id.startsWith('ft:') ? jobOfModel(ctx, id) : undefined;
        if (!job) throw modelNotFound(id);
        job.modelDeleted = true;
        await ctx.store.save();
        sendJson(res, 200, { id, object: 'model', deleted: true });
      },
    },
  ];
}

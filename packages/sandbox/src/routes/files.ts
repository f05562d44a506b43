import type { SandboxContext } from '../context.js';
import { badRequest, notFound } from '../http/api-error.js';
import { sendJson, sendText } from '../http/http-io.js';
import { paginate } from '../http/pagination.js';
import type { Route } from '../http/router.js';
import { newId } from '../ids.js';
import type { FileRecord } from '../store/records.js';
import { notJsonl } from './jsonl-purposes.js';
import { readMultipart } from './multipart.js';
import { settleAll } from './settle-all.js';

export const PURPOSES = new Set(['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals']);

export function purposeError(purpose: string) {
  return badRequest(
    `'${purpose}' is not one of ${[...PURPOSES].map((p) => `'${p}'`).join(', ')} - 'purpose'`,
    'purpose',
  );
}

/** Records a file whose bytes are stored under `id`: the same object `/v1/files` and a completed upload give. */
export async function addFile(
  ctx: SandboxContext,
  file: { id: string; filename: string; bytes: number; purpose: string },
): Promise<FileRecord> {
  const record: FileRecord = {
    ...file,
    object: 'file',
    created_at: Math.floor(ctx.now() / 1000),
    status: 'processed',
    status_details: null,
    expires_at: null,
  };
  ctx.store.files.set(record.id, record);
  ctx.stats.filesUploaded += 1;
  await ctx.store.save();
  return record;
}

export function fileRoutes(ctx: SandboxContext): Route[] {
  const { store } = ctx;
  const fileOr404 = (id: string) => {
    const file = store.files.get(id);
    if (!file) throw notFound('file', id);
    return file;
  };
  return [
    {
      method: 'POST',
      pattern: '/v1/files',
      handler: async ({ req, res }) => {
        const id = newId.file();
        const { fields, file } = await readMultipart(req, (source) => store.contents.write(id, source));
        if (!file) throw badRequest("Missing required parameter: 'file'.", 'file');
        const purpose = fields.purpose ?? '';
        const refused = PURPOSES.has(purpose) ? notJsonl(purpose, file.filename) : purposeError(purpose);
        if (refused) {
          await store.contents.delete(id);
          throw refused;
        }
        sendJson(res, 200, await addFile(ctx, { id, filename: file.filename, bytes: file.bytes, purpose }));
      },
    },
    {
      method: 'GET',
      pattern: '/v1/files',
      handler: async ({ res, query }) => {
        await settleAll(ctx);
        const purpose = query.get('purpose');
        let files = [...store.files.values()].filter((file) => !purpose || file.purpose === purpose);
        if (query.get('order') !== 'asc') files = files.reverse();
        sendJson(res, 200, paginate(files, query, 10_000));
      },
    },
    {
      method: 'GET',
      pattern: '/v1/files/:id',
      handler: async ({ res, params }) => {
        await settleAll(ctx);
        sendJson(res, 200, fileOr404(params.id!));
      },
    },
    {
      method: 'GET',
      pattern: '/v1/files/:id/content',
      handler: async ({ res, params }) => {
        await settleAll(ctx);
        const file = fileOr404(params.id!);
        const type = file.filename.endsWith('.jsonl') ? 'application/jsonl' : 'application/octet-stream';
        sendText(res, 200, await store.contents.read(file.id), type);
      },
    },
    {
      method: 'DELETE',
      pattern: '/v1/files/:id',
      handler: async ({ res, params }) => {
        const file = fileOr404(params.id!);
        store.files.delete(file.id);
        await store.contents.delete(file.id);
        await store.save();
        sendJson(res, 200, { id: file.id, object: 'file', deleted: true });
      },
    },
  ];
}

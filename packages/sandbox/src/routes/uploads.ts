import type { SandboxContext } from '../context.js';
import { badRequest, notFound } from '../http/api-error.js';
import { readJsonObject, sendJson } from '../http/http-io.js';
import type { Route } from '../http/router.js';
import { newId } from '../ids.js';
import type { UploadRecord } from '../store/records.js';
import { addFile, PURPOSES, purposeError } from './files.js';
import { notJsonl } from './jsonl-purposes.js';
import { readMultipart } from './multipart.js';

/** The service's limits (reference/openai-fine-tuning.md §2): 8 GB an upload, 64 MB a part, an hour to finish. */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;
export const MAX_PART_BYTES = 64 * 1024 ** 2;
const EXPIRES_AFTER_S = 3600;

/** What the service answers for an upload: the record without its part bookkeeping. */
function view(upload: UploadRecord) {
  const { parts: _parts, ...rest } = upload;
  return rest;
}

/** `/v1/uploads`: create, add parts (multipart `data`), complete in a given part order (optional md5), cancel. */
export function uploadRoutes(ctx: SandboxContext): Route[] {
  const { store } = ctx;
  const pendingOr400 = (id: string) => {
    const upload = store.uploads.get(id);
    if (!upload) throw notFound('upload', id);
    if (upload.status !== 'pending')
      throw badRequest(`Upload ${id} is ${upload.status}; only a pending upload can change.`);
    if (upload.expires_at * 1000 < ctx.now()) throw badRequest(`Upload ${id} has expired.`);
    return upload;
  };
  return [
    {
      method: 'POST',
      pattern: '/v1/uploads',
      handler: async ({ req, res }) => {
        const body = await readJsonObject(req);
        const { bytes, filename, mime_type: mimeType, purpose } = body;
        if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0 || bytes > MAX_UPLOAD_BYTES) {
          throw badRequest(`'bytes' must be an integer from 0 to ${MAX_UPLOAD_BYTES}.`, 'bytes');
        }
        if (typeof filename !== 'string' || filename === '')
          throw badRequest("Missing required parameter: 'filename'.", 'filename');
        if (typeof mimeType !== 'string' || mimeType === '')
          throw badRequest("Missing required parameter: 'mime_type'.", 'mime_type');
        if (typeof purpose !== 'string' || !PURPOSES.has(purpose)) throw purposeError(String(purpose ?? ''));
        const refused = notJsonl(purpose, filename);
        if (refused) throw refused;
        const createdAt = Math.floor(ctx.now() / 1000);
        const upload: UploadRecord = {
          id: newId.upload(),
          object: 'upload',
          bytes,
          created_at: createdAt,
          expires_at: createdAt + EXPIRES_AFTER_S,
          filename,
          purpose,
          status: 'pending',
          file: null,
          parts: new Map(),
        };
        store.uploads.set(upload.id, upload);
        sendJson(res, 200, view(upload));
      },
    },
    {
      method: 'POST',
      pattern: '/v1/uploads/:id/parts',
      handler: async ({ req, res, params }) => {
        const upload = pendingOr400(params.id!);
        const id = newId.uploadPart();
        const { file } = await readMultipart(req, (source) => store.contents.write(id, source), 'data');
        if (!file) throw badRequest("Missing required parameter: 'data'.", 'data');
        if (file.bytes > MAX_PART_BYTES) {
          await store.contents.delete(id);
          throw badRequest(`A part may hold at most ${MAX_PART_BYTES} bytes; this one has ${file.bytes}.`, 'data');
        }
        upload.parts.set(id, file.bytes);
        sendJson(res, 200, {
          id,
          object: 'upload.part',
          created_at: Math.floor(ctx.now() / 1000),
          upload_id: upload.id,
        });
      },
    },
    {
      method: 'POST',
      pattern: '/v1/uploads/:id/complete',
      handler: async ({ req, res, params }) => {
        const upload = pendingOr400(params.id!);
        const body = await readJsonObject(req);
        const partIds = body.part_ids;
        if (!Array.isArray(partIds) || partIds.some((part) => typeof part !== 'string' || !upload.parts.has(part))) {
          throw badRequest("'part_ids' must list parts of this upload.", 'part_ids');
        }
        const fileId = newId.file();
        const joined = await store.contents.join(fileId, partIds as string[]);
        const refuse = async (message: string, param: string) => {
          await store.contents.delete(fileId);
          return badRequest(message, param);
        };
        if (joined.bytes !== upload.bytes) {
          throw await refuse(
            `The parts hold ${joined.bytes} bytes, but the upload was created for ${upload.bytes}.`,
            'part_ids',
          );
        }
        if (body.md5 !== undefined && body.md5 !== joined.md5) {
          throw await refuse('The md5 checksum does not match the uploaded bytes.', 'md5');
        }
        for (const part of upload.parts.keys()) await store.contents.delete(part);
        upload.parts.clear();
        upload.file = await addFile(ctx, {
          id: fileId,
          filename: upload.filename,
          bytes: upload.bytes,
          purpose: upload.purpose,
        });
        upload.status = 'completed';
        sendJson(res, 200, view(upload));
      },
    },
    {
      method: 'POST',
      pattern: '/v1/uploads/:id/cancel',
      handler: async ({ res, params }) => {
        const upload = pendingOr400(params.id!);
        for (const part of upload.parts.keys()) await store.contents.delete(part);
        upload.parts.clear();
        upload.status = 'cancelled';
        sendJson(res, 200, view(upload));
      },
    },
  ];
}

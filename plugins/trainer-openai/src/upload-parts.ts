import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { TrainerControl } from '@tunekit/core';
import type OpenAI from 'openai';
import { toStreamingFile } from 'openai';
import { findUploaded } from './find-uploaded.js';
import { persist } from './retry.js';
import { uploadTimeoutMs } from './upload-timeout.js';

/** The md5 `complete` checks the joined parts against (read once more: a retried part must not count twice). */
async function md5OfFile(path: string): Promise<string> {
  const md5 = createHash('md5');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) md5.update(chunk as Buffer);
  return md5.digest('hex');
}

/** The Uploads API's largest part (reference/openai-fine-tuning.md §2: ≤ 64 MB parts, up to 8 GB in all). */
export const MAX_PART_BYTES = 64 * 1024 * 1024;

/**
 * Uploads a file through `/v1/uploads`, one part at a time, each streamed from disk: the built-in fetch holds a
 * request body until it is sent, so one `/v1/files` request holds the whole file where a part holds at most a part;
 * and files over the 512 MB of `/v1/files` go up too. Each part is retried on its own; `complete` names the parts in
 * order with the file's md5. Returns the id of the file the upload made.
 */
export async function uploadInParts(
  client: OpenAI,
  path: string,
  name: string,
  bytes: number,
  rt: TrainerControl,
  { partBytes = MAX_PART_BYTES, attempts = 8 }: { partBytes?: number; attempts?: number } = {},
): Promise<string> {
  const retry = { signal: rt.signal, logger: rt.logger, attempts };
  const upload = await persist(
    (signal) =>
      client.uploads.create(
        { bytes, filename: name, mime_type: 'application/jsonl', purpose: 'fine-tune' },
        { maxRetries: 0, signal },
      ),
    { ...retry, what: `starting the upload of ${name}` },
  );
  const partIds: string[] = [];
  for (let offset = 0; offset < bytes; offset += partBytes) {
    const last = Math.min(offset + partBytes, bytes) - 1;
    const index = partIds.length + 1;
    const created = await persist(
      (signal) =>
        client.uploads.parts.create(
          upload.id,
          {
            // Streamed from disk, opened again on each attempt: a part is never held in memory by this code.
            data: toStreamingFile(createReadStream(path, { start: offset, end: last }), `${name}.part${index}`, {
              type: 'application/octet-stream',
            }),
          },
          { maxRetries: 0, signal, timeout: uploadTimeoutMs(last + 1 - offset, client.timeout) },
        ),
      { ...retry, what: `uploading part ${index} of ${name}` },
    );
    partIds.push(created.id);
  }
  const md5 = await md5OfFile(path);
  // An answer lost on the way back leaves the upload completed: sent again, it would be refused as no longer pending.
  let sent = false;
  return persist(
    async (signal) => {
      const made = sent ? await findUploaded(client, name, bytes, undefined, signal) : undefined;
      if (made) return made;
      sent = true;
      const completed = await client.uploads.complete(upload.id, { part_ids: partIds, md5 }, { maxRetries: 0, signal });
      if (!completed.file) throw new Error(`the upload of ${name} completed without a file`);
      return completed.file.id;
    },
    { ...retry, what: `completing the upload of ${name}` },
  );
}

import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { hashFile, type TrainerControl } from '@tunekit/core';
import type OpenAI from 'openai';
import { toStreamingFile } from 'openai';
import { findUploaded } from './find-uploaded.js';
import { persist } from './retry.js';
import { MAX_PART_BYTES, uploadInParts } from './upload-parts.js';
import { uploadTimeoutMs } from './upload-timeout.js';

export interface UploadSettings {
  /** Parts of at most this many bytes through the Uploads API above it (default `MAX_PART_BYTES`). */
  partBytes?: number;
  /** Attempts at each request (default 8: `max_retries` 7 + 1). */
  attempts?: number;
}

export interface UploadedFile {
  id: string;
  sha256: string;
}

/** The uploaded name embeds the content hash, so a later run can find the same bytes among the account's files. */
export function uploadName(path: string, sha256: string): string {
  return `${basename(path, '.jsonl')}-${sha256.slice(0, 16)}.jsonl`;
}

/**
 * Uploads a JSONL file for fine-tuning, unless a file with the same content hash is already there (recorded in the
 * state, or listed under the hash-bearing name). A retry looks again before sending the bytes twice. A file of one
 * part or less goes to `/v1/files` streamed from disk; a larger one through the Uploads API, a part at a time.
 */
export async function uploadOnce(
  client: OpenAI,
  path: string,
  knownIds: Record<string, string>,
  rt: TrainerControl,
  { partBytes = MAX_PART_BYTES, attempts = 8 }: UploadSettings = {},
): Promise<UploadedFile> {
  const { sha256, bytes } = await hashFile(path);
  const name = uploadName(path, sha256);
  const id = await persist(
    async (signal) => {
      const existing = await findUploaded(client, name, bytes, knownIds[sha256], signal);
      if (existing) {
        rt.logger.info(`reusing ${existing} for ${basename(path)} (same content already uploaded)`);
        return existing;
      }
      if (bytes > partBytes) {
        const uploaded = await uploadInParts(client, path, name, bytes, rt, { partBytes, attempts });
        rt.logger.info(
          `uploaded ${basename(path)} as ${uploaded} (${bytes} bytes in ${Math.ceil(bytes / partBytes)} parts)`,
        );
        return uploaded;
      }
      const file = toStreamingFile(createReadStream(path), name, { type: 'application/jsonl' });
      // A streamed body cannot be replayed by the SDK's own retries; `persist` re-opens the file instead.
      const timeout = uploadTimeoutMs(bytes, client.timeout);
      const created = await client.files.create({ file, purpose: 'fine-tune' }, { maxRetries: 0, signal, timeout });
      rt.logger.info(`uploaded ${basename(path)} as ${created.id} (${bytes} bytes)`);
      return created.id;
    },
    { signal: rt.signal, logger: rt.logger, what: `uploading ${basename(path)}`, attempts },
  );
  return { id, sha256 };
}

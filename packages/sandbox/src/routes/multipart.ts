import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { badRequest } from '../http/api-error.js';

export interface UploadedPart {
  filename: string;
  bytes: number;
}

/**
 * Streams a multipart upload: the file part (`file`, or `data` for an upload part) goes to `store` as it arrives
 * (fields may come before or after it), other parts become fields.
 */
export async function readMultipart(
  req: IncomingMessage,
  store: (source: Readable) => Promise<number>,
  fileField = 'file',
): Promise<{ fields: Record<string, string>; file: UploadedPart | undefined }> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) {
    throw badRequest(`Expected a multipart/form-data body with a \`${fileField}\` part.`, fileField);
  }
  const fields: Record<string, string> = {};
  let file: Promise<UploadedPart> | undefined;
  const parser = busboy({ headers: req.headers });
  parser.on('field', (name, value) => {
    fields[name] = value;
  });
  parser.on('file', (name, stream, info) => {
    if (name !== fileField || file) {
      stream.resume();
      return;
    }
    file = store(stream).then((bytes) => ({ filename: info.filename || 'upload', bytes }));
  });
  await pipeline(req, parser);
  return { fields, file: file ? await file : undefined };
}

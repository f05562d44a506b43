import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random base62 string, like the service's ids (`file-…`, `ftjob-…`). */
export function randomId(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

const completionPrefix = randomId(12);
let completionCounter = 0;

export const newId = {
  file: () => `file-${randomId(22)}`,
  job: () => `ftjob-${randomId(24)}`,
  batch: () => `batch_${randomId(24)}`,
  completion: () => `chatcmpl-${completionPrefix}${(++completionCounter).toString(36)}`,
  batchRequest: () => `batch_req_${randomId(24)}`,
  upload: () => `upload_${randomId(24)}`,
  uploadPart: () => `part_${randomId(24)}`,
};

const requestPrefix = `req_${randomId(12)}`;
let requestCounter = 0;

/** Cheap, unique per server process: a random prefix and a counter. */
export function nextRequestId(): string {
  requestCounter += 1;
  return `${requestPrefix}${requestCounter.toString(16).padStart(8, '0')}`;
}

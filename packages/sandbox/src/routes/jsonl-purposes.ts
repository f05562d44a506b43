import { badRequest } from '../http/api-error.js';

/** Purposes the service takes only as JSONL files, with the API its message names. */
const JSONL_PURPOSES: Record<string, string> = { 'fine-tune': 'Fine-Tuning API', batch: 'Batch API' };

/** The service's 400 for a fine-tune or batch file whose name does not end in `.jsonl`; undefined when it does. */
export function notJsonl(purpose: string, filename: string) {
  const api = JSONL_PURPOSES[purpose];
  if (api === undefined || filename.endsWith('.jsonl')) return undefined;
  return badRequest(`Invalid file format for ${api}. Must be .jsonl`, 'file');
}

import type { BatchRecord, BatchRequestLine } from '../store/records.js';

export const MAX_BATCH_REQUESTS = 50_000;

type BatchError = BatchRecord['validationErrors'][number];

/** Parses a batch input file; every line must be a request to `endpoint` with a unique `custom_id`. */
export function readBatchInput(
  content: Buffer,
  endpoint: string,
): { requests: BatchRequestLine[]; errors: BatchError[] } {
  const requests: BatchRequestLine[] = [];
  const errors: BatchError[] = [];
  const seen = new Set<string>();
  const lines = content
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\n');
  for (const [index, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    const result = readLine(raw, index + 1, endpoint, seen);
    if ('code' in result) errors.push(result);
    else requests.push(result);
  }
  if (requests.length === 0 && errors.length === 0) {
    errors.push({ code: 'empty_file', message: 'The input file is empty.', param: null, line: null });
  }
  if (requests.length > MAX_BATCH_REQUESTS) {
    const message = `A batch holds at most ${MAX_BATCH_REQUESTS} requests.`;
    errors.push({ code: 'too_many_requests', message, param: null, line: null });
  }
  return { requests, errors };
}

function readLine(raw: string, line: number, endpoint: string, seen: Set<string>): BatchRequestLine | BatchError {
  const error = (code: string, message: string, param: string | null = null) => ({ code, message, param, line });
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return error('invalid_json_line', 'This line is not parseable as valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return error('invalid_json_line', 'Each line must be a JSON object.');
  }
  const request = value as Record<string, unknown>;
  const customId = request.custom_id;
  if (typeof customId !== 'string' || customId === '') {
    return error('missing_required_parameter', "Missing required parameter: 'custom_id'.", 'custom_id');
  }
  if (seen.has(customId)) {
    return error('duplicate_custom_id', `The custom_id '${customId}' is used by more than one request.`, 'custom_id');
  }
  seen.add(customId);
  if (request.method !== 'POST') return error('invalid_method', "Only the 'POST' method is supported.", 'method');
  if (request.url !== endpoint) {
    return error(
      'mismatched_url',
      `The url '${String(request.url)}' does not match the batch endpoint '${endpoint}'.`,
      'url',
    );
  }
  if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
    return error('missing_required_parameter', "Missing required parameter: 'body'.", 'body');
  }
  return { line, customId, body: request.body as Record<string, unknown> };
}

import { type DataRecord, recordId } from '@tunekit/core';

/** The record handed to `ctx.reject` for a row that could not become a record (its raw text or fields as data). */
export function rowReject(file: string, line: number, data: unknown): DataRecord {
  const source = line > 0 ? { file, line } : { file };
  return { id: recordId(source), source, data, meta: {} };
}

import { TunekitError } from '@tunekit/core';
import { readRows } from '../items/read-rows.js';

/** A file of outputs computed elsewhere: JSONL (or CSV) rows with `id` and `output`. */
export async function loadOutputs(path: string, field: string): Promise<Map<string, string>> {
  const outputs = new Map<string, string>();
  try {
    for await (const { line, value } of readRows(path)) {
      const row = value as { id?: unknown; output?: unknown } | null;
      if (row === null || typeof row !== 'object' || row.id === undefined || typeof row.output !== 'string') {
        throw new TunekitError('INPUT_INVALID', 'an outputs line needs "id" and a string "output"', {
          context: { file: path, line, field },
        });
      }
      const id = String(row.id);
      if (outputs.has(id))
        throw new TunekitError('INPUT_INVALID', `two outputs for item id "${id}"`, {
          context: { file: path, line, field: 'id' },
        });
      outputs.set(id, row.output);
    }
  } catch (error) {
    if (TunekitError.is(error)) throw error;
    throw new TunekitError('INPUT_NOT_FOUND', `outputs file not readable: ${path}`, {
      cause: error,
      context: { field },
    });
  }
  return outputs;
}

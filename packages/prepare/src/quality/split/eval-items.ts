import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { TunekitError } from '@tunekit/core';

export interface EvalEntry {
  /** `id` of the item when it has one, else `<file>:<line or index>`. */
  id: string;
  value: unknown;
}

function entryId(value: unknown, fallback: string): string {
  const id = value && typeof value === 'object' ? (value as Record<string, unknown>).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : fallback;
}

/** Items of an evaluation file: JSONL (one item per line) or a JSON array. Evaluation sets are small enough to hold. */
export async function* readEvalItems(path: string, label: string): AsyncGenerator<EvalEntry> {
  if (/\.json$/i.test(path)) {
    let items: unknown;
    try {
      items = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new TunekitError('INPUT_INVALID', `contamination file is not valid JSON: ${(error as Error).message}`, {
        cause: error,
        context: { file: label, field: 'contamination.against' },
      });
    }
    if (!Array.isArray(items)) {
      throw new TunekitError('INPUT_INVALID', 'contamination file must hold a JSON array of items', {
        context: { file: label, field: 'contamination.against' },
      });
    }
    for (const [index, value] of items.entries()) yield { id: entryId(value, `${label}#${index}`), value };
    return;
  }
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new TunekitError('INPUT_INVALID', `contamination file line is not JSON: ${(error as Error).message}`, {
        cause: error,
        context: { file: label, line, field: 'contamination.against' },
      });
    }
    yield { id: entryId(value, `${label}:${line}`), value };
  }
}

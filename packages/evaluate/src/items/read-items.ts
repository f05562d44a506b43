import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { type EvalItem, TunekitError } from '@tunekit/core';
import { chatLineToItem } from './chat-item.js';
import { type FieldMapping, missingColumns, rowToItem } from './field-mapping.js';
import { readRows } from './read-rows.js';

export interface ItemSource {
  path: string;
  fields?: FieldMapping;
  /** Where the path came from, for one-line errors (e.g. `evaluate.data`). */
  field?: string;
  /** What to do when the file is missing (a split that only the dataset section writes). */
  hint?: string;
}

const FIELDS = 'evaluate.data.fields';

/** A mapped row as an item; a row that is no object or lacks a mapped column is an error naming its line. */
function mappedItem(value: unknown, fields: FieldMapping, fallbackId: string, path: string, line: number): EvalItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TunekitError('INPUT_INVALID', 'a mapped items line must be an object of columns', {
      context: { file: path, line, field: FIELDS },
    });
  const row = value as Record<string, unknown>;
  const missing = missingColumns(fields, row);
  if (missing.length > 0) {
    throw new TunekitError(
      'INPUT_INVALID',
      `column ${missing.map((c) => `"${c}"`).join(', ')} not found (have: ${Object.keys(row).join(', ')})`,
      { context: { file: path, line, field: FIELDS } },
    );
  }
  return rowToItem(row, fields, fallbackId);
}

/** Evaluation items, streamed: chat examples, or rows mapped by `fields`. Item ids must be unique. */
export async function* readItems(source: ItemSource, limit = Number.POSITIVE_INFINITY): AsyncGenerator<EvalItem> {
  const { path, fields } = source;
  try {
    await access(path);
  } catch {
    const field = source.field ?? 'evaluate.data';
    throw new TunekitError('INPUT_NOT_FOUND', `${field}: file not found: ${path}`, {
      context: { field, ...(source.hint ? { hint: source.hint } : {}) },
    });
  }
  const prefix = basename(path);
  const firstLineOf = new Map<string, number>();
  for await (const { line, value } of readRows(path)) {
    if (firstLineOf.size >= limit) return;
    const fallbackId = `${prefix}:${line}`;
    let item: EvalItem;
    if (fields) item = mappedItem(value, fields, fallbackId, path, line);
    else {
      const chat = chatLineToItem(value, fallbackId);
      if ('problem' in chat)
        throw new TunekitError('INPUT_INVALID', chat.problem, { context: { file: path, line, field: chat.field } });
      item = chat;
    }
    const first = firstLineOf.get(item.id);
    if (first !== undefined) {
      // Outputs files and the per-item rows of the reports join on the id: two items cannot share one.
      throw new TunekitError('INPUT_INVALID', `duplicate item id "${item.id}" (first on line ${first})`, {
        context: { file: path, line, field: `${FIELDS}.id` },
      });
    }
    firstLineOf.set(item.id, line);
    yield item;
  }
}

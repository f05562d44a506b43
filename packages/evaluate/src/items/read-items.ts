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
}

/** Evaluation items, streamed: chat examples, or rows mapped by `fields`. */
export async function* readItems(source: ItemSource, limit = Number.POSITIVE_INFINITY): AsyncGenerator<EvalItem> {
  const { path, fields } = source;
  try {
    await access(path);
  } catch {
    throw new TunekitError('INPUT_NOT_FOUND', `evaluation data not found: ${path}`, {
      context: { field: source.field ?? 'evaluate.data' },
    });
  }
  const prefix = basename(path);
  let count = 0;
  let checked = false;
  for await (const { line, value } of readRows(path)) {
    if (count >= limit) return;
    const fallbackId = `${prefix}:${line}`;
    if (fields) {
      const row = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
      if (!checked) {
        const missing = missingColumns(fields, Object.keys(row));
        if (missing.length > 0) {
          throw new TunekitError(
            'INPUT_INVALID',
            `column ${missing.map((c) => `"${c}"`).join(', ')} not found (have: ${Object.keys(row).join(', ')})`,
            {
              context: { file: path, line, field: 'evaluate.data.fields' },
            },
          );
        }
        checked = true;
      }
      yield rowToItem(row, fields, fallbackId);
    } else {
      const item = chatLineToItem(value, fallbackId);
      if (typeof item === 'string')
        throw new TunekitError('INPUT_INVALID', item, { context: { file: path, line, field: 'messages' } });
      yield item;
    }
    count++;
  }
}

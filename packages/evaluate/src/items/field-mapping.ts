import type { EvalItem } from '@tunekit/core';
import { renderTemplate } from '../prompts/render-template.js';

export interface FieldMapping {
  input: string;
  reference: string;
  system?: string;
  id?: string;
}

/** A bare column name, or a template over columns. */
function pick(spec: string, row: Record<string, unknown>): string {
  return spec.includes('{{') ? renderTemplate(spec, row) : renderTemplate(`{{${spec}}}`, row);
}

/** Columns the mapping names that the row does not have. */
export function missingColumns(fields: FieldMapping, row: Record<string, unknown>): string[] {
  const wanted = [fields.input, fields.reference, fields.system, fields.id]
    .filter((s): s is string => s !== undefined)
    .flatMap((s) => (s.includes('{{') ? [...s.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1] ?? '') : [s]));
  return wanted.filter((c) => !Object.hasOwn(row, c) || row[c] === undefined);
}

export function rowToItem(row: Record<string, unknown>, fields: FieldMapping, fallbackId: string): EvalItem {
  const system = fields.system ? pick(fields.system, row) : '';
  const messages = [
    ...(system ? [{ role: 'system', content: system }] : []),
    { role: 'user', content: pick(fields.input, row) },
  ];
  const id = fields.id ? pick(fields.id, row) : '';
  return { id: id || fallbackId, messages, reference: pick(fields.reference, row), meta: { fields: row } };
}

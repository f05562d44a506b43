import type { DataRecord } from '@tunekit/core';

function walk(value: unknown, path: string[]): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * A field of a record by dotted path: `meta.label`, `data.category`, `group`; a bare name is looked up in `meta`,
 * then in `data`. Returns the value as a string (objects as JSON), or '' when it is absent.
 */
export function recordField(record: DataRecord, path: string): string {
  const parts = path.split('.');
  const rooted = ['id', 'group', 'data', 'meta', 'source'].includes(parts[0]!);
  const value = rooted ? walk(record, parts) : (walk(record.meta, parts) ?? walk(record.data, parts));
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

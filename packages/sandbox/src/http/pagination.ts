import type { URLSearchParams } from 'node:url';
import { badRequest } from './api-error.js';

export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

/** Cursor pagination like the service: `after` is the id of the last item of the previous page. */
export function paginate<T extends { id: string }>(
  items: T[],
  query: URLSearchParams,
  defaultLimit: number,
): ListPage<T> {
  const limit = readLimit(query, defaultLimit);
  const after = query.get('after');
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => item.id === after);
    start = index === -1 ? items.length : index + 1;
  }
  const data = items.slice(start, start + limit);
  return {
    object: 'list',
    data,
    has_more: start + limit < items.length,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
  };
}

function readLimit(query: URLSearchParams, defaultLimit: number): number {
  const raw = query.get('limit');
  if (raw === null) return defaultLimit;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw badRequest(`Invalid 'limit': expected an integer between 1 and 10000, got '${raw}'.`, 'limit');
  }
  return limit;
}

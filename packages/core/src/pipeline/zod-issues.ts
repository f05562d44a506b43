import type { z } from 'zod';
import { closest } from '../registry/suggest.js';

export interface IssueLocation {
  path: PropertyKey[];
  /** Set when the problem is an unknown key: position the error on the key itself. */
  key?: string;
  message: string;
}

function knownKeys(schema: z.ZodType | undefined): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** Turns a zod issue into a located, readable message ("unknown key `tokn` — did you mean `token`?"). */
export function describeIssue(
  issue: z.core.$ZodIssue,
  basePath: PropertyKey[],
  schemaAt?: (path: PropertyKey[]) => z.ZodType | undefined,
): IssueLocation {
  const path = [...basePath, ...issue.path];
  const field = path.filter((p) => typeof p !== 'number').at(-1);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const candidates = knownKeys(schemaAt?.(issue.path as PropertyKey[]));
    const suggestion = closest(key, candidates);
    const expected = candidates.length ? ` (expected one of: ${candidates.join(', ')})` : '';
    return {
      path,
      key,
      message: `unknown key \`${key}\`${suggestion ? ` — did you mean \`${suggestion}\`?` : expected}`,
    };
  }
  const where = field === undefined ? '' : `\`${String(field)}\`: `;
  const message = issue.message.replace(/^Invalid input: /, '');
  return { path, message: `${where}${message}` };
}

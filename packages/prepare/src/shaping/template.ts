import { TunekitError } from '@tunekit/core';
import { z } from 'zod';

type Part = string | { path: string[]; name: string };

/** A compiled logic-less template: literal text and `{{field}}` / `{{nested.path}}` slots, nothing else. */
export interface Template {
  source: string;
  parts: Part[];
  fields: string[];
}

/** Thrown by `render` when a slot names a field the record does not have, or has empty. */
export class MissingField extends Error {
  constructor(
    readonly field: string,
    readonly empty = false,
  ) {
    super(`template field "${field}" is ${empty ? 'empty' : 'missing'}`);
  }
}

const SLOT = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** Compiles a template once; an option error names the option (`field`) it came from. */
export function compileTemplate(source: string, field: string, step?: string): Template {
  const parts: Part[] = [];
  let last = 0;
  for (const match of source.matchAll(SLOT)) {
    const name = match[1] as string;
    if (!/^[\p{L}\p{N}_$-]+(\.[\p{L}\p{N}_$-]+)*$/u.test(name)) {
      throw new TunekitError('OPTION_INVALID', `invalid template slot {{${name}}}: use {{field}} or {{nested.path}}`, {
        context: { step, field },
      });
    }
    if (match.index > last) parts.push(source.slice(last, match.index));
    parts.push({ name, path: name.split('.') });
    last = match.index + match[0].length;
  }
  if (last < source.length) parts.push(source.slice(last));
  const rest = parts.filter((p): p is string => typeof p === 'string').join('');
  if (rest.includes('{{') || rest.includes('}}')) {
    throw new TunekitError('OPTION_INVALID', `unbalanced braces in template "${source}"`, { context: { step, field } });
  }
  return { source, parts, fields: parts.filter((p) => typeof p !== 'string').map((p) => p.name) };
}

/** Looks up a dotted path (array indexes allowed); undefined when any step is missing. */
export function lookup(data: unknown, path: string[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** Fills a template from a record's data; throws MissingField for an absent, null or empty-string field. */
export function render(template: Template, data: unknown): string {
  let out = '';
  for (const part of template.parts) {
    if (typeof part === 'string') out += part;
    else {
      const value = lookup(data, part.path);
      if (value === undefined || value === null || value === '') throw new MissingField(part.name, value === '');
      out += stringify(value);
    }
  }
  return out;
}

/** A template option: checked when the pipeline loads, so `tunekit validate` names a bad one by file:line:column. */
export const templateString = () =>
  z.string().superRefine((source, ctx) => {
    try {
      compileTemplate(source, '');
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

import type { z } from 'zod';
import { closest, didYouMean } from '../registry/suggest.js';

export interface IssueLocation {
  path: PropertyKey[];
  /** Set when the problem is an unknown key: position the error on the key itself. */
  key?: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

interface SchemaNode {
  def?: {
    type?: string;
    innerType?: unknown;
    element?: unknown;
    options?: unknown[];
    values?: unknown[];
    entries?: Record<string, unknown>;
  };
  shape?: Record<string, unknown>;
  isInt?: boolean;
}

/** Zod's own message of a union that failed in every branch: the one the loader rewrites. */
const ZOD_UNION_MESSAGE = 'Invalid input';

/** Strips optional, default, nullable, readonly (…) wrappers. */
function unwrap(schema: unknown): SchemaNode | undefined {
  let node = schema as SchemaNode | undefined;
  while (node?.def?.innerType) node = node.def.innerType as SchemaNode;
  return node;
}

/** Walks object shapes, arrays and wrappers to the schema at a path (for "did you mean" and "expected"). */
export function schemaAtPath(schema: unknown, path: readonly PropertyKey[]): SchemaNode | undefined {
  let current = unwrap(schema);
  for (const key of path) {
    if (typeof key === 'number' && current?.def?.element) current = unwrap(current.def.element);
    else if (current?.shape && typeof key === 'string') current = unwrap(current.shape[key]);
    else return undefined;
  }
  return current;
}

function knownKeys(schema: SchemaNode | undefined): string[] {
  return schema?.shape ? Object.keys(schema.shape) : [];
}

/** What a schema accepts, in words: `an integer`, `"auto"`, `a list`… */
function expectedOf(schema: SchemaNode | undefined): string[] {
  const node = unwrap(schema);
  switch (node?.def?.type) {
    case 'literal':
      return (node.def.values ?? []).map((value) => JSON.stringify(value));
    case 'enum':
      return Object.values(node.def.entries ?? {}).map((value) => JSON.stringify(value));
    case 'number':
      return [node.isInt ? 'an integer' : 'a number'];
    case 'int':
      return ['an integer'];
    case 'string':
      return ['a string'];
    case 'boolean':
      return ['true or false'];
    case 'array':
    case 'tuple':
      return ['a list'];
    case 'object':
    case 'record':
      return ['a mapping'];
    case 'union':
      return (node.def.options ?? []).flatMap((option) => expectedOf(option as SchemaNode));
    case 'null':
      return ['null'];
    default:
      return [];
  }
}

/** The literal values a schema accepts (enums and literals), to suggest the closest. */
function valuesOf(schema: SchemaNode | undefined): string[] {
  const node = unwrap(schema);
  if (node?.def?.type === 'literal') return (node.def.values ?? []).filter((v): v is string => typeof v === 'string');
  if (node?.def?.type === 'enum') return Object.values(node.def.entries ?? {}).filter((v) => typeof v === 'string');
  if (node?.def?.type === 'union') return (node.def.options ?? []).flatMap((option) => valuesOf(option as SchemaNode));
  return [];
}

function typeName(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}

/** `a`, `a or b`, `a, b or c`: kinds of values first (`an integer`), then the literal ones (`"auto"`). */
function orList(words: string[]): string {
  const unique = [...new Set(words)].sort((a, b) => Number(a.startsWith('"')) - Number(b.startsWith('"')));
  if (unique.length <= 1) return unique[0] ?? 'something else';
  return `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
}

/** A branch that got past the type check: its problem is inside the value, not the kind of value. */
function wentDeeper(branch: readonly Issue[]): boolean {
  return branch.some(
    (issue) => issue.path.length > 0 || (issue.code !== 'invalid_type' && issue.code !== 'invalid_value'),
  );
}

function rootUnknownKeys(branch: readonly Issue[]): boolean {
  return branch.some((issue) => issue.path.length === 0 && issue.code === 'unrecognized_keys');
}

function depth(branch: readonly Issue[]): number {
  return Math.max(0, ...branch.map((issue) => issue.path.length));
}

/**
 * A union that failed in every branch says only "Invalid input". Say what was expected instead: the one branch the
 * value was meant for (its keys all belong to it) described in turn, else the alternatives and what was given.
 */
function describeUnion(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  basePath: PropertyKey[],
  root: unknown,
): IssueLocation {
  const path = [...basePath, ...issue.path];
  const relative = issue.path as PropertyKey[];
  const union = schemaAtPath(root, relative);
  const options = union?.def?.type === 'union' ? (union.def.options ?? []) : [];
  const branches = issue.errors ?? [];
  const input = issue.input;
  const deeper = branches
    .map((branch, index) => ({ branch, index }))
    .filter(({ branch }) => branch.length > 0 && wentDeeper(branch));
  const meant = deeper.filter(({ branch }) => !rootUnknownKeys(branch));
  if (meant.length > 0) {
    const best = meant.reduce((a, b) => (depth(b.branch) > depth(a.branch) ? b : a));
    const inner = { ...best.branch[0]!, path: [...relative, ...best.branch[0]!.path] } as Issue;
    return describeIssue(inner, basePath, options.length ? wrapAt(relative, options[best.index]) : undefined);
  }
  const field = path.filter((p) => typeof p !== 'number').at(-1);
  const where = field === undefined ? '' : `\`${String(field)}\`: `;
  if (deeper.length > 0 && input && typeof input === 'object' && !Array.isArray(input)) {
    // Every mapping branch has keys the value lacks: name the key nobody knows, with the closest known one.
    const keys = [...new Set(options.flatMap((option) => knownKeys(unwrap(option))))];
    const unknown = Object.keys(input).find((key) => !keys.includes(key));
    if (unknown !== undefined) {
      const suggestion = closest(unknown, keys);
      return {
        path,
        key: unknown,
        message: `${where}unknown key \`${unknown}\`${suggestion ? ` — did you mean \`${suggestion}\`?` : ` (expected one of: ${keys.join(', ')})`}`,
      };
    }
  }
  const expected = options.length
    ? orList(options.flatMap((option) => expectedOf(option as SchemaNode)))
    : orList(branches.flatMap((branch) => branch.map(expectedFromIssue)).filter((word) => word !== ''));
  if (typeof input === 'string') {
    const suggestion = didYouMean(input, valuesOf(union));
    if (suggestion) return { path, message: `${where}unknown value \`${input}\`${suggestion} (expected ${expected})` };
  }
  return { path, message: `${where}expected ${expected}, got ${typeName(input)}` };
}

/** Without the schema: what a branch's own issue says it wanted. */
function expectedFromIssue(issue: Issue): string {
  if (issue.code === 'invalid_type') return `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
  if (issue.code === 'invalid_value') return issue.values.map((value) => JSON.stringify(value)).join(' or ');
  return '';
}

/** A root schema under which `branch` sits at `path`, so paths stay relative to the same root. */
function wrapAt(path: readonly PropertyKey[], branch: unknown): unknown {
  let node = branch;
  for (const key of [...path].reverse()) {
    node = typeof key === 'number' ? { def: { type: 'array', element: node } } : { shape: { [key]: node } };
  }
  return node;
}

/**
 * Turns a zod issue into a located, readable message ("unknown key `tokn` — did you mean `token`?"). `root` is the
 * schema the issue's path is relative to (for the known keys and what a union expected).
 */
export function describeIssue(issue: Issue, basePath: PropertyKey[], root?: unknown): IssueLocation {
  const path = [...basePath, ...issue.path];
  const field = path.filter((p) => typeof p !== 'number').at(-1);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const candidates = knownKeys(schemaAtPath(root, issue.path as PropertyKey[]));
    const suggestion = closest(key, candidates);
    const expected = candidates.length ? ` (expected one of: ${candidates.join(', ')})` : '';
    return {
      path,
      key,
      message: `unknown key \`${key}\`${suggestion ? ` — did you mean \`${suggestion}\`?` : expected}`,
    };
  }
  if (issue.code === 'invalid_union' && issue.message === ZOD_UNION_MESSAGE)
    return describeUnion(issue, basePath, root);
  const where = field === undefined ? '' : `\`${String(field)}\`: `;
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return { path, message: `${where}missing (expected ${expectedFromIssue(issue)})` };
  }
  const message = issue.message.replace(/^Invalid input: /, '');
  return { path, message: `${where}${message}` };
}

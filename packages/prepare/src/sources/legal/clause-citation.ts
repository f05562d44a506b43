import type { Heading } from './legal-chunk.js';

/** A clause numbered inside its article or section: `1.`, `2)`, `(a)`, `(iv)`. */
const CLAUSE = /^\(?([0-9]+|[a-z]|[ivx]+)[.)]?$/i;
/** `ARTICLE 2`, or a Markdown or HTML heading with its title: `ARTICLE 1 DEFINITIONS`, `Section 2.01 Rent`. */
const PARENT = /^(article|section|clause)\s+([0-9]+[a-z]?(?:\.[0-9]+[a-z]?)*|[IVXLC]+)(?![\w.])/i;

/**
 * How a contract cites a numbered clause: `1.` under `ARTICLE 2` is `Article 2.1`, `(a)` under `Section 7` is
 * `Section 7(a)`. Its bare label would make `What does 1. of the Agreement say?` the question of every article's
 * first clause, each with another answer. Any other label is returned as it is.
 */
export function clauseCitation(label: string, headings: readonly Heading[]): string {
  const clause = CLAUSE.exec(label);
  const parent = PARENT.exec(headings.at(-1)?.label ?? '');
  if (!clause || !parent) return label;
  const kind = (parent[1] as string).toLowerCase();
  const name = `${kind[0]?.toUpperCase()}${kind.slice(1)} ${parent[2]}`;
  const id = clause[1] as string;
  return /^\d+$/.test(id) ? `${name}.${id}` : `${name}(${id.toLowerCase()})`;
}

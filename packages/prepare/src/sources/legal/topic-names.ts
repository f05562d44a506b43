import type { Heading, LegalUnit } from './legal-chunk.js';

const headingName = (heading: Heading) => heading.title || heading.label;
const headingText = (heading: Heading) => (heading.title ? `${heading.label} ${heading.title}` : heading.label);
const pathKey = (headings: Heading[]) => headings.map(headingText).join('\u0000');
const isCjk = (text: string) => /[\u3400-\u9fff]/.test(text);

/** The headings a unit's topic is read from: its own title (`ARTICLE 5 CONFIDENTIALITY` over body text) is the nearest. */
function topicHeadings(unit: LegalUnit): Heading[] {
  if (!unit.title) return unit.headings;
  return [...unit.headings, { label: unit.label ?? '', title: unit.title, level: Number.POSITIVE_INFINITY }];
}

/**
 * The topic of each unit, unique within its document: its own title or the nearest heading's, qualified by as many headings
 * above it as it takes when the same title heads several places (民法典 has a `一般规定` chapter in most of its
 * books): `一般规定（第三编 合同）`. A topic that names two places would make one question with two answers.
 */
export function topicNames(units: readonly LegalUnit[]): (unit: LegalUnit) => string {
  const pathsByName = new Map<string, Map<string, Heading[]>>();
  for (const unit of units) {
    const headings = topicHeadings(unit);
    const nearest = headings.at(-1);
    if (!nearest) continue;
    const name = headingName(nearest);
    const paths = pathsByName.get(name) ?? new Map<string, Heading[]>();
    paths.set(pathKey(headings), headings);
    pathsByName.set(name, paths);
  }
  const qualified = new Map<string, string>();
  for (const [name, paths] of pathsByName) {
    if (paths.size < 2) continue;
    for (const [key, headings] of paths) qualified.set(key, qualify(name, headings, [...paths.values()]));
  }
  return (unit) => {
    const headings = topicHeadings(unit);
    const nearest = headings.at(-1);
    if (!nearest) return '';
    return qualified.get(pathKey(headings)) ?? headingName(nearest);
  };
}

/**
 * `name` followed by the fewest headings above it (nearest first) that tell its path from the others; when even all
 * of them do not (two `一般规定` chapters side by side), the heading's own label leads: `第二章 一般规定`.
 */
function qualify(name: string, headings: Heading[], all: Heading[][]): string {
  const above = headings.slice(0, -1);
  const others = all.filter((other) => other !== headings).map((other) => other.slice(0, -1));
  let depth = 1;
  while (depth <= above.length && others.some((other) => suffixKey(other, depth) === suffixKey(above, depth))) depth++;
  const unique = depth <= above.length;
  const lead = unique ? name : headingText(headings.at(-1) as Heading);
  const context = above.slice(-Math.min(depth, above.length)).map(headingText).join(' › ');
  if (!context) return lead;
  return isCjk(name) ? `${lead}（${context}）` : `${lead} (${context})`;
}

const suffixKey = (headings: Heading[], depth: number) => pathKey(headings.slice(-depth));

/**
 * Topics unique across the documents of one law as well (民法典 split into a file per book): a topic an earlier
 * document of the same law already has is qualified by the document's name, `附则（合同编）`, or by as many of the
 * folders above it as it takes when that name is taken too (versions of a law in folders: `Scope (v3/consumer)`).
 */
export class LawTopics {
  private readonly byLaw = new Map<string, Set<string>>();

  /** `document`: the file as the pipeline names it, without its extension (`v3/consumer`). */
  topicsOf(law: string, document: string, units: readonly LegalUnit[]): (unit: LegalUnit) => string {
    const own = topicNames(units);
    const earlier = this.byLaw.get(law) ?? new Set<string>();
    this.byLaw.set(law, earlier);
    const names = new Set(units.map(own).filter(Boolean));
    const clashes = [...names].filter((name) => earlier.has(name));
    const segments = document.split('/').filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
    let depth = 1;
    const qualified = (name: string) => {
      const where = segments.slice(-depth).join('/');
      return isCjk(name) ? `${name}（${where}）` : `${name} (${where})`;
    };
    while (
      depth < segments.length &&
      clashes.some((name) => earlier.has(qualified(name)) || names.has(qualified(name)))
    )
      depth++;
    const final = new Map(clashes.map((name) => [name, qualified(name)]));
    for (const name of names) earlier.add(final.get(name) ?? name);
    if (final.size === 0) return own;
    return (unit) => {
      const name = own(unit);
      return final.get(name) ?? name;
    };
  }
}

/** Distinct group keys remembered: enough to tell one group from a few, bounded for large inputs. */
const KEYS_KEPT = 64;

/**
 * Counts what each side of a split received, so that a side left empty is explained in a warning rather than found
 * as a missing validation.jsonl or an empty train.jsonl: a single example, every example in one group (a group is
 * never cut in two), or a share too small for the number of groups.
 */
export class SideTally {
  train = 0;
  validation = 0;
  private readonly keys = new Set<string>();
  private firstKey: string | undefined;

  add(key: string, side: 'train' | 'validation'): void {
    this[side]++;
    this.firstKey ??= key;
    if (this.keys.size < KEYS_KEPT) this.keys.add(key);
  }

  /** Why a side is empty, or undefined when both have examples (or validation was not asked for). */
  explain(share: number, by: 'group' | 'id'): string | undefined {
    const total = this.train + this.validation;
    if (total === 0 || share === 0 || (this.train > 0 && this.validation > 0)) return undefined;
    const empty = this.validation === 0 ? 'validation' : 'train';
    const full = empty === 'validation' ? 'train' : 'validation';
    if (total === 1) return `${empty} is empty: there is only one example, and it went to ${full}`;
    if (this.keys.size === 1) {
      const advice = by === 'group' ? '; use by: id to split the examples of a group' : '';
      return `${empty} is empty: all ${total} examples are in one group (\`${this.firstKey}\`), which went to ${full} whole${advice}`;
    }
    const groups = this.keys.size < KEYS_KEPT ? `${this.keys.size}` : `${KEYS_KEPT} or more`;
    const asked = share < 1 ? `the ${Math.round(share * 1000) / 10}% share` : `${share} examples`;
    return `${empty} is empty: ${asked} drew ${empty === 'validation' ? 'none' : 'all'} of the ${groups} groups; ask for a number of examples (validation: 1) or try another seed`;
  }
}

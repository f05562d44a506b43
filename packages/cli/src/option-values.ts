import { TunekitError } from '@tunekit/core';

/** What a numeric command-line option accepts. Bounds are inclusive; `above` is an exclusive lower bound. */
export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
  above?: number;
}

/** Plain decimal notation only: no hex, no `Infinity`, no empty string (which `Number` reads as 0). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** Counts are written as digits: `1e1` or `10.0` for a number of workers is more likely a slip than a 10. */
const DIGITS = /^[+-]?\d+$/;

/** "a positive integer", "a number from 0 to 1", "an integer from 0 to 65535", "a number above 0". */
export function describeRule(rule: NumberRule): string {
  const kind = rule.integer ? 'integer' : 'number';
  if (rule.min !== undefined && rule.max !== undefined)
    return `${rule.integer ? 'an' : 'a'} ${kind} from ${rule.min} to ${rule.max}`;
  if (rule.above === 0 && rule.max !== undefined) return `a positive ${kind} of at most ${rule.max}`;
  if (rule.above === 0 || (rule.integer && rule.min === 1)) return `a positive ${kind}`;
  if (rule.min === 0) return `a non-negative ${kind}`;
  if (rule.above !== undefined) return `a ${kind} above ${rule.above}`;
  if (rule.min !== undefined) return `a ${kind} of at least ${rule.min}`;
  if (rule.max !== undefined) return `a ${kind} of at most ${rule.max}`;
  return rule.integer ? 'an integer' : 'a number';
}

/**
 * The one parser of numeric options (every command uses it, so they accept and refuse alike): undefined when the
 * option is absent, else the number, or a one-line USAGE error naming the option, the rule and the value given.
 */
export function numberOption(value: string | undefined, flag: string, rule: NumberRule = {}): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const parsed = (rule.integer ? DIGITS : DECIMAL).test(text) ? Number(text) : Number.NaN;
  const ok =
    Number.isFinite(parsed) &&
    (!rule.integer || Number.isInteger(parsed)) &&
    (rule.min === undefined || parsed >= rule.min) &&
    (rule.max === undefined || parsed <= rule.max) &&
    (rule.above === undefined || parsed > rule.above);
  if (!ok) {
    const given = text === '' ? 'an empty value' : `\`${value}\``;
    throw new TunekitError('USAGE', `${flag} must be ${describeRule(rule)}, got ${given}`, {
      context: { field: flag },
    });
  }
  return parsed;
}

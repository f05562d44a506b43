import { TunekitError } from '@tunekit/core';
import { passFail, pointScorer } from './point-scorer.js';
import { normalizeAnswer } from './text.js';
import type { PointScorer } from './types.js';

/** Exact match after trimming; `normalized` also folds case, width, punctuation, articles and whitespace. */
export function createExactScorer(name: string, normalized: boolean): PointScorer {
  const prepare = normalized ? normalizeAnswer : (text: string) => text.trim();
  const description = normalized ? 'exact match after normalisation' : 'exact match (trimmed)';
  return pointScorer(name, description, true, (item, output) => passFail(prepare(output) === prepare(item.reference)));
}

/** The output contains the given text, or (no text) the reference, both normalised. */
export function createContainsScorer(name: string, text?: string): PointScorer {
  const description = text === undefined ? 'output contains the reference' : `output contains "${text}"`;
  return pointScorer(name, description, true, (item, output) => {
    const needle = normalizeAnswer(text ?? item.reference);
    return passFail(needle.length > 0 && normalizeAnswer(output).includes(needle));
  });
}

/** The output matches a regular expression. */
export function createRegexScorer(name: string, pattern: string, flags: string): PointScorer {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags.replace(/[gy]/g, ''));
  } catch (error) {
    throw new TunekitError(
      'CONFIG_INVALID',
      `scorer "${name}": invalid regular expression: ${(error as Error).message}`,
      {
        context: { field: 'evaluate.scorers.regex' },
      },
    );
  }
  return pointScorer(name, `output matches /${pattern}/${flags}`, true, (_item, output) =>
    passFail(regex.test(output)),
  );
}

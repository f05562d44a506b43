import { type Provider, TunekitError } from '@tunekit/core';
import { createBleuScorer } from './bleu.js';
import { createChoiceScorer } from './choice.js';
import { createContainsScorer, createExactScorer, createRegexScorer } from './exact.js';
import { createJsonSchemaScorer, createJsonScorer } from './json.js';
import { createPairwiseJudge } from './judge-pairwise.js';
import { createRubricJudge } from './judge-rubric.js';
import { createLanguageScorer } from './language.js';
import { createLevenshteinScorer } from './levenshtein.js';
import { createRougeLScorer } from './rouge-l.js';
import { type ParsedScorerSpec, type ScorerSpec, scorerName, scorerSpecSchema } from './spec.js';
import { createTokenF1Scorer } from './token-f1.js';
import type { EvalScorer } from './types.js';

export { extractChoice } from './choice.js';
export { detectLanguage } from './language.js';
export { type ParsedScorerSpec, type ScorerSpec, SIMPLE_SCORERS, scorerName, scorerSpecSchema } from './spec.js';
export { tokenize13a } from './tokenizer-13a.js';
export type { CorpusAccumulator, EvalScorer, PairScore, PairwiseScorer, PointScorer } from './types.js';
export { isPairwise } from './types.js';

export interface ScorerDeps {
  /** Provider of the judge model; required by `judge` and `pairwise` specs. */
  judgeProvider?: Provider;
  /** Judge model when the spec names none. */
  judgeModel?: string;
}

/** Builds a scorer from one entry of `scorers:` (parsed or not). Judges need `deps.judgeProvider`. */
export function createScorer(spec: ScorerSpec | ParsedScorerSpec, deps: ScorerDeps = {}): EvalScorer {
  const parsed = scorerSpecSchema.parse(spec);
  const name = scorerName(parsed);
  if (typeof parsed === 'string') {
    switch (parsed) {
      case 'exact':
        return createExactScorer(name, false);
      case 'exact-normalized':
        return createExactScorer(name, true);
      case 'contains':
        return createContainsScorer(name);
      case 'choice':
        return createChoiceScorer(name);
      case 'token-f1':
        return createTokenF1Scorer(name, 'char');
      case 'rouge-l':
        return createRougeLScorer(name);
      case 'bleu':
        return createBleuScorer(name);
      case 'levenshtein':
        return createLevenshteinScorer(name);
      case 'json':
        return createJsonScorer(name);
      case 'language':
        return createLanguageScorer(name);
    }
  }
  if ('contains' in parsed) return createContainsScorer(name, parsed.contains);
  if ('regex' in parsed) {
    const { pattern, flags } = typeof parsed.regex === 'string' ? { pattern: parsed.regex, flags: '' } : parsed.regex;
    return createRegexScorer(name, pattern, flags ?? '');
  }
  if ('token-f1' in parsed) return createTokenF1Scorer(name, parsed['token-f1'].chinese);
  if ('json_schema' in parsed) return createJsonSchemaScorer(name, parsed.json_schema);
  if ('language' in parsed) return createLanguageScorer(name, parsed.language);
  const judge = 'judge' in parsed ? parsed.judge : parsed.pairwise;
  const model = judge.model ?? deps.judgeModel;
  if (!deps.judgeProvider || !model) {
    throw new TunekitError('CONFIG_INVALID', `scorer "${name}" needs a judge model and provider`, {
      context: { field: 'evaluate.scorers', hint: 'set `model:` in the judge spec' },
    });
  }
  if ('judge' in parsed) return createRubricJudge(name, parsed.judge, deps.judgeProvider, model);
  return createPairwiseJudge(name, parsed.pairwise, deps.judgeProvider, model);
}

import { didYouMean } from '@tunekit/core';
import { z } from 'zod';
import { recordKeyName } from '../record-key-name.js';

/** Scorers named by a bare string in `scorers:`. */
export const SIMPLE_SCORERS = [
  'exact',
  'exact-normalized',
  'contains',
  'choice',
  'token-f1',
  'rouge-l',
  'bleu',
  'levenshtein',
  'json',
  'language',
] as const;
export type SimpleScorerId = (typeof SIMPLE_SCORERS)[number];

const name = recordKeyName.optional().describe('Name in reports and in `gate.metric` (default: the scorer id).');

export const judgeSpecSchema = z.strictObject({
  model: z.string().min(1).optional().describe('Judge model (default: the pipeline-wide judge model).'),
  provider: z.string().min(1).optional().describe('Entry of `providers:` that serves the judge.'),
  rubric: z.string().min(1).describe('What a good answer is; the judge scores 0..1 against it with a reason.'),
  pass_threshold: z.number().min(0).max(1).default(0.5).describe('Score at or above which an answer passes.'),
});

export const pairwiseSpecSchema = z.strictObject({
  model: z.string().min(1).optional(),
  provider: z.string().min(1).optional(),
  baseline: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Candidate to compare against (default: `compare.baseline`); rows against another candidate are shown, but the verdict and the gate read only those against `compare.baseline`.',
    ),
  criteria: z.string().min(1).default('Which answer is more correct, complete and useful for the question?'),
});

/** Keys of the scorers written as a mapping, for the message about an unknown scorer. */
const MAPPING_SCORERS = ['contains', 'regex', 'token-f1', 'json_schema', 'language', 'judge', 'pairwise'] as const;

/** A bare name that is no scorer: name the closest and the known ones (zod alone says "Invalid input"). */
function unknownScorer(issue: { input?: unknown }): string | undefined {
  if (typeof issue.input !== 'string') return undefined;
  return `unknown scorer \`${issue.input}\`${didYouMean(issue.input, SIMPLE_SCORERS)} (known: ${SIMPLE_SCORERS.join(', ')}; or a mapping: ${MAPPING_SCORERS.map((key) => `{ ${key}: … }`).join(', ')})`;
}

export const scorerSpecSchema = z.union(
  [
    z.enum(SIMPLE_SCORERS),
    z.strictObject({ contains: z.string().min(1).describe('Text the output must contain.'), name }),
    z.strictObject({
      regex: z.union([z.string().min(1), z.strictObject({ pattern: z.string().min(1), flags: z.string().optional() })]),
      name,
    }),
    z.strictObject({ 'token-f1': z.strictObject({ chinese: z.enum(['char', 'word']).default('char') }), name }),
    z.strictObject({
      json_schema: z.record(z.string(), z.unknown()).describe('JSON Schema the output must satisfy.'),
      name,
    }),
    z.strictObject({
      language: z.string().min(2).describe('Expected language of the output: zh, en, ja, ko, ru, ar.'),
      name,
    }),
    z.strictObject({ judge: judgeSpecSchema, name }),
    z.strictObject({ pairwise: pairwiseSpecSchema, name }),
  ],
  { error: unknownScorer },
);

export type ScorerSpec = z.input<typeof scorerSpecSchema>;
export type ParsedScorerSpec = z.output<typeof scorerSpecSchema>;

/** The name a spec gets in reports and in `gate.metric`. */
export function scorerName(spec: ParsedScorerSpec): string {
  if (typeof spec === 'string') return spec;
  if (spec.name) return spec.name;
  const key = Object.keys(spec).find((k) => k !== 'name') ?? 'scorer';
  return key.replace(/_/g, '-');
}

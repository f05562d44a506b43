import { z } from 'zod';
import type { ReportData } from './report-data.js';

/**
 * The shape of `report.json` that the renderers (html, md, junit) rely on, checked when a report is loaded again
 * (`tunekit report`), so a damaged file fails with one line naming the field instead of a TypeError in a renderer.
 * Objects are loose: keys the renderers do not read (from a newer tunekit, or added by hand) pass through.
 */
const interval = z.looseObject({ low: z.number(), high: z.number() });
const nullableNumber = z.number().nullable();

const meta = z.looseObject({
  pipeline: z.string(),
  runId: z.string(),
  createdAt: z.string(),
  sandbox: z.boolean(),
  toolVersion: z.string(),
  datasetHash: z.string().optional(),
  seeds: z.looseObject({ bootstrap: z.number(), sampling: z.number().optional() }),
  items: z.number(),
});

const candidate = z.looseObject({
  name: z.string(),
  model: z.string(),
  provider: z.string(),
  prompt: z.string(),
  isBaseline: z.boolean(),
});

const scorer = z.looseObject({
  name: z.string(),
  kind: z.enum(['binary', 'continuous', 'pairwise']),
  description: z.string(),
});

const intervalMethod = z.enum(['wilson', 'newcombe', 'bootstrap', 'bootstrap-widened', 'hoeffding', 'all-equal']);

const summary = z.looseObject({
  candidate: z.string(),
  scorer: z.string(),
  mean: nullableNumber,
  ci: interval.nullable(),
  ciMethod: intervalMethod.optional(),
  n: z.number(),
  errors: z.number(),
  passRate: nullableNumber.optional(),
  corpus: nullableNumber.optional(),
});

const comparison = z.looseObject({
  candidate: z.string(),
  baseline: z.string(),
  scorer: z.string(),
  n: z.number(),
  diff: nullableNumber,
  ci: interval.nullable(),
  ciMethod: intervalMethod.optional(),
  test: z.enum(['mcnemar-exact', 'wilcoxon-signed-rank', 'pairwise-judge-sign']),
  pValue: nullableNumber,
  pAdjusted: nullableNumber.optional(),
  finding: z.enum(['better', 'worse', 'no-significant-difference', 'too-few-items', 'no-pairs']).optional(),
  wins: z.number(),
  ties: z.number(),
  losses: z.number(),
});

const gate = z.looseObject({
  metric: z.string(),
  non_inferiority_margin: z.number().optional(),
  min_improvement: z.number().optional(),
  baseline: z.string(),
  kind: z.enum(['non_inferiority', 'min_improvement']),
  passed: z.boolean(),
  checks: z.array(
    z.looseObject({
      candidate: z.string(),
      passed: z.boolean(),
      diff: nullableNumber,
      ci: interval.nullable(),
      explanation: z.string(),
    }),
  ),
  explanation: z.string(),
});

const economics = z.looseObject({
  candidate: z.string(),
  requests: z.number(),
  cacheHits: z.number(),
  tokensInPerRequest: nullableNumber,
  tokensOutPerRequest: nullableNumber,
  costPer1kUsd: nullableNumber,
  latencyP50Ms: nullableNumber,
  latencyP95Ms: nullableNumber,
  promptTokensSavedPerRequest: nullableNumber.optional(),
  trainingCostUsd: nullableNumber.optional(),
  breakEvenRequests: nullableNumber.optional(),
  priceAsOf: z.string().optional(),
  priceSource: z.string().optional(),
});

const judgeCost = z.looseObject({
  scorer: z.string(),
  model: z.string(),
  requests: z.number(),
  cacheHits: z.number(),
  tokensInPerRequest: nullableNumber,
  tokensOutPerRequest: nullableNumber,
  costUsd: nullableNumber,
  priceAsOf: z.string().optional(),
  priceSource: z.string().optional(),
});

const evaluationCost = z.looseObject({
  candidatesUsd: nullableNumber,
  judgesUsd: nullableNumber,
  spentUsd: z.number(),
});

const training = z.looseObject({
  model: z.string().optional(),
  baseModel: z.string().optional(),
  trainedTokens: z.number().optional(),
  costUsd: z.number().optional(),
  retires: z.looseObject({ model: z.string(), on: z.string(), source: z.string(), verified: z.boolean() }).optional(),
  loss: z.array(
    z.looseObject({ step: z.number(), trainLoss: z.number().optional(), validLoss: z.number().optional() }),
  ),
});

export const reportDataSchema = z.looseObject({
  formatVersion: z.literal(1),
  meta,
  candidates: z.array(candidate),
  scorers: z.array(scorer),
  summaries: z.array(summary),
  baseline: z.string().optional(),
  comparisons: z.array(comparison),
  correction: z.looseObject({ method: z.enum(['holm', 'none']), family: z.number() }).optional(),
  gate: gate.optional(),
  economics: z.array(economics),
  judges: z.array(judgeCost).optional(),
  cost: evaluationCost.optional(),
  training: training.optional(),
  items: z.looseObject({ file: z.string(), count: z.number() }),
});

/** No cast: this compiles only while whatever the schema accepts is a ReportData (the two stay in step). */
const itemScore = z.looseObject({
  score: nullableNumber,
  pass: z.boolean().optional(),
  reason: z.string().optional(),
  error: z.string().optional(),
});
const itemOutput = z.looseObject({
  output: z.string().nullable(),
  error: z.string().optional(),
  latencyMs: z.number().optional(),
  cached: z.boolean().optional(),
  scores: z.record(z.string(), itemScore),
});

/** One line of the per-item JSONL, as the renderers read it. */
export const itemRowSchema = z.looseObject({
  id: z.string(),
  prompt: z.string(),
  reference: z.string(),
  outputs: z.record(z.string(), itemOutput),
});

export function asReportData(data: z.infer<typeof reportDataSchema>): ReportData {
  return data;
}

/** `summaries[0].ci.low`, `training.loss`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const EXPECTED: Record<string, string> = {
  array: 'an array',
  object: 'an object',
  record: 'an object',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};

/** One sentence about one zod issue: "`economics` must be an array, not null". */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const field = `\`${fieldPath(issue.path)}\``;
  const value = valueAt(root, issue.path);
  if (issue.code === 'invalid_type') {
    if (value === undefined) return `${field} is missing`;
    return `${field} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(value)}`;
  }
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
    return `${field} must be ${issue.values.length === 1 ? allowed : `one of ${allowed}`}, not ${describeValue(value)}`;
  }
  return `${field}: ${issue.message}`;
}

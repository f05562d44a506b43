import type { AnyPlugin } from '@tunekit/core';
import { evaluatePlugin } from './evaluator/evaluate-plugin.js';

export { evaluatePlugin } from './evaluator/evaluate-plugin.js';
export { type EvaluationDeps, runEvaluation } from './evaluator/run-evaluation.js';
export { type CandidateOptions, type EvaluateOptions, evaluateOptionsSchema } from './options.js';
export type * from './report/report-data.js';

export const plugins: Record<string, AnyPlugin> = { evaluate: evaluatePlugin };
export * from './report/index.js';
export { createScorer, type EvalScorer, type ScorerDeps, scorerSpecSchema } from './scorers/index.js';
export * from './stats/index.js';

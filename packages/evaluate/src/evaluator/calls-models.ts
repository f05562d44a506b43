import type { EvaluateOptions } from '../options.js';

/** Whether the evaluation calls a model: a candidate without a file of outputs, or a judge scorer. */
export function evaluationCallsModels(options: EvaluateOptions): boolean {
  const judged = options.scorers.some((s) => typeof s === 'object' && ('judge' in s || 'pairwise' in s));
  return judged || options.candidates.some((c) => c.outputs === undefined);
}

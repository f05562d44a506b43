import type { EvaluatorPlugin } from '@tunekit/core';
import { type EvaluateOptions, evaluateOptionsSchema } from '../options.js';
import { evaluationCallsModels } from './calls-models.js';
import { runEvaluation } from './run-evaluation.js';

export const evaluatePlugin: EvaluatorPlugin<EvaluateOptions> = {
  specVersion: 'v1',
  kind: 'evaluator',
  id: 'evaluate',
  description:
    'Evaluates candidate models (the tuned one and baselines) on the same items: scores with intervals, paired comparisons, a gate, cost and latency.',
  options: evaluateOptionsSchema,
  run: (options, rt) => runEvaluation(options, rt),
  callsModels: evaluationCallsModels,
};

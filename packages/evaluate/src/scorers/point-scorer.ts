import type { EvalItem, Score } from '@tunekit/core';
import type { PointScorer } from './types.js';

/** Plain-object factory for reference-based scorers. */
export function pointScorer(
  name: string,
  description: string,
  binary: boolean,
  score: (item: EvalItem, output: string) => Score,
  extra: Pick<PointScorer, 'corpus'> = {},
): PointScorer {
  return { specVersion: 'v1', kind: 'point', name, description, binary, score, ...extra };
}

export function passFail(pass: boolean, reason?: string): Score {
  return reason === undefined ? { score: pass ? 1 : 0, pass } : { score: pass ? 1 : 0, pass, reason };
}

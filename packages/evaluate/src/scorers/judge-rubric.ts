import type { Provider, Score } from '@tunekit/core';
import type { z } from 'zod';
import { askJudge } from './judge-call.js';
import { rubricMessages } from './judge-prompt.js';
import { parseRubricVerdict } from './judge-verdict.js';
import type { judgeSpecSchema } from './spec.js';
import type { PointScorer } from './types.js';

/**
 * A model scores each output 0..1 against the rubric with a reason. `pass` is score ≥ pass_threshold (the judge's own
 * `pass` is not trusted). An unparseable verdict or a failed request is a judge error: `error` set, never a zero.
 */
export function createRubricJudge(
  name: string,
  spec: z.output<typeof judgeSpecSchema>,
  provider: Provider,
  model: string,
): PointScorer {
  return {
    specVersion: 'v1',
    kind: 'point',
    name,
    description: `judge ${model}: ${spec.rubric}`,
    binary: false,
    async score(item, output, options): Promise<Score> {
      const reply = await askJudge(provider, model, rubricMessages(item, output, spec.rubric), options?.signal);
      if (!reply.ok) return { score: 0, error: reply.error };
      const parsed = parseRubricVerdict(reply.text);
      if (!parsed.ok) return { score: 0, error: parsed.error };
      const { score, reason } = parsed.verdict;
      return { score, pass: score >= spec.pass_threshold, reason };
    },
  };
}

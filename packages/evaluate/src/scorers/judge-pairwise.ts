import type { EvalItem, Provider } from '@tunekit/core';
import type { z } from 'zod';
import { askJudge } from './judge-call.js';
import { pairwiseMessages } from './judge-prompt.js';
import { parsePairwiseVerdict } from './judge-verdict.js';
import type { pairwiseSpecSchema } from './spec.js';
import type { PairScore, PairwiseScorer } from './types.js';

type Side = 'candidate' | 'baseline';
const SCORE: Record<PairScore['winner'], number> = { candidate: 1, tie: 0.5, baseline: 0 };

/**
 * Blind pairwise judge: asks twice, once with the candidate as answer A and once as answer B. When the two orders
 * disagree (position bias) the item is a tie; when either verdict does not parse, the item is a judge error.
 */
export function createPairwiseJudge(
  name: string,
  spec: z.output<typeof pairwiseSpecSchema>,
  provider: Provider,
  model: string,
): PairwiseScorer {
  async function ask(item: EvalItem, shownAsA: Side, output: string, baselineOutput: string, signal?: AbortSignal) {
    const [a, b] = shownAsA === 'candidate' ? [output, baselineOutput] : [baselineOutput, output];
    const reply = await askJudge(provider, model, pairwiseMessages(item, a, b, spec.criteria), signal);
    if (!reply.ok) return { ok: false as const, error: reply.error };
    const parsed = parsePairwiseVerdict(reply.text);
    return parsed.ok ? { ok: true as const, shownAsA, ...parsed.verdict } : parsed;
  }

  return {
    specVersion: 'v1',
    kind: 'pairwise',
    name,
    description: `pairwise judge ${model}, both orders: ${spec.criteria}`,
    ...(spec.baseline ? { baseline: spec.baseline } : {}),
    async scorePair(item, output, baselineOutput, options): Promise<PairScore> {
      const signal = options?.signal;
      const verdicts = await Promise.all([
        ask(item, 'candidate', output, baselineOutput, signal),
        ask(item, 'baseline', output, baselineOutput, signal),
      ]);
      const failed = verdicts.find((v) => !v.ok);
      if (failed && !failed.ok) return { score: 0, error: failed.error, winner: 'tie', orders: [] };
      const orders = verdicts.flatMap((v) =>
        v.ok ? [{ shownAsA: v.shownAsA, winner: v.winner, reason: v.reason }] : [],
      );
      const sides = orders.map((o): PairScore['winner'] => {
        if (o.winner === 'tie') return 'tie';
        return (o.winner === 'A') === (o.shownAsA === 'candidate') ? 'candidate' : 'baseline';
      });
      const winner = sides[0] === sides[1] ? sides[0]! : 'tie';
      const disagreed = sides[0] !== sides[1];
      const reason = disagreed
        ? `orders disagree (${sides.join(' vs ')}), counted as a tie: ${orders.map((o) => o.reason).join(' | ')}`
        : (orders[0]?.reason ?? '');
      return { score: SCORE[winner], pass: winner === 'candidate', reason, winner, orders };
    },
  };
}

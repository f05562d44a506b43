import { type EvaluatorRuntime, TunekitError } from '@tunekit/core';
import { EconomicsTally } from '../economics/economics.js';
import { pricesOf } from '../economics/request-cost.js';
import type { EvaluateOptions } from '../options.js';
import type { ScorerInfo } from '../report/report-data.js';
import type { CandidateRuntime } from '../runner/candidate-runtime.js';
import type { ScoringPlan } from '../runner/score-item.js';
import { createScorer, type EvalScorer, isPairwise, scorerName, scorerSpecSchema } from '../scorers/index.js';
import { asProvider, type CallerPool, providerName } from './providers.js';

/** A judge scorer's model and the tally of what its requests cost. */
export interface JudgeRuntime {
  scorer: string;
  model: string;
  tally: EconomicsTally;
}

/** Scorers from `scorers:`; judges call their provider through the same cache, limits and retries as candidates. */
export async function setupScorers(
  options: EvaluateOptions,
  rt: EvaluatorRuntime,
  pool: CallerPool,
  candidates: readonly CandidateRuntime[],
): Promise<{ plan: ScoringPlan; infos: ScorerInfo[]; judges: JudgeRuntime[] }> {
  const scorers: EvalScorer[] = [];
  const judges: JudgeRuntime[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of options.scorers.entries()) {
    const spec = scorerSpecSchema.parse(raw);
    const name = scorerName(spec);
    if (seen.has(name)) {
      throw new TunekitError('CONFIG_INVALID', `two scorers are named "${name}"`, {
        context: { field: `evaluate.scorers.${i}`, hint: 'add name: to one of them' },
      });
    }
    seen.add(name);
    const judge =
      typeof spec === 'object' && ('judge' in spec || 'pairwise' in spec)
        ? 'judge' in spec
          ? spec.judge
          : spec.pairwise
        : undefined;
    if (!judge) {
      scorers.push(createScorer(spec));
      continue;
    }
    const fallback = candidates.find((c) => c.caller)?.providerName;
    const judgeProviderName = providerName(
      judge.provider ?? options.judge?.provider ?? fallback,
      rt.providers,
      `evaluate.scorers.${i}.provider`,
    );
    const model = judge.model ?? options.judge?.model;
    const tally = new EconomicsTally(name, model === undefined ? undefined : pricesOf(model, rt.prices));
    const judgeProvider = asProvider(await pool.get(judgeProviderName), tally);
    scorers.push(createScorer(spec, { judgeProvider, judgeModel: options.judge?.model }));
    judges.push({ scorer: name, model: model!, tally });
  }
  const names = candidates.map((c) => c.name);
  const pairwiseBaseline = new Map<number, string>();
  scorers.forEach((scorer, s) => {
    if (!isPairwise(scorer)) return;
    const baseline = scorer.baseline ?? options.compare?.baseline;
    if (!baseline || !names.includes(baseline)) {
      throw new TunekitError('CONFIG_INVALID', `pairwise scorer "${scorer.name}" needs a baseline candidate`, {
        context: { field: 'evaluate.compare.baseline', hint: 'set compare: { baseline: <candidate name> }' },
      });
    }
    pairwiseBaseline.set(s, baseline);
  });
  const corpus = candidates.map(() => scorers.map((s) => (!isPairwise(s) && s.corpus ? s.corpus() : undefined)));
  const infos = scorers.map(
    (s): ScorerInfo => ({
      name: s.name,
      kind: isPairwise(s) ? 'pairwise' : s.binary ? 'binary' : 'continuous',
      description: s.description,
    }),
  );
  return { plan: { scorers, candidates: names, pairwiseBaseline, corpus }, infos, judges };
}

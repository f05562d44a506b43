import type { EvaluatorRuntime } from '@tunekit/core';
import { compareEconomics, judgeCostEntry } from '../economics/economics.js';
import type { EvaluateOptions } from '../options.js';
import { describePrompt } from '../prompts/build-request.js';
import type {
  CandidateInfo,
  Comparison,
  EvaluationCost,
  GateResult,
  ReportData,
  ReportMeta,
  ScorerInfo,
  ScoreSummary,
  TrainingInfo,
} from '../report/report-data.js';
import { REPORT_FORMAT_VERSION } from '../report/report-data.js';
import type { CandidateRuntime } from '../runner/candidate-runtime.js';
import type { RunItemsResult } from '../runner/run-items.js';
import type { ScoringPlan } from '../runner/score-item.js';
import {
  compareToBaseline,
  correctForMultipleComparisons,
  evaluateGate,
  type ScoreSample,
  summarizeScores,
} from '../stats/index.js';
import type { JudgeRuntime } from './setup-scorers.js';

export const BOOTSTRAP_SEED = 7;
const MISSING: ScoreSample = { score: null, error: 'missing' };

function dense(samples: ScoreSample[] | undefined, count: number): ScoreSample[] {
  return Array.from({ length: count }, (_, i) => samples?.[i] ?? MISSING);
}

/** The candidate whose training cost the break-even pays back: the trained model, else the first `ft:` model. */
function tunedCandidate(candidates: readonly CandidateRuntime[], rt: EvaluatorRuntime): string | undefined {
  const trained = rt.train?.model;
  return (
    candidates.find((c) => c.caller && trained && c.model === trained) ??
    candidates.find((c) => c.caller && c.model.startsWith('ft:'))
  )?.name;
}

/** A sum of costs, unknown (null) when one of them is. */
function sumOrNull(costs: (number | null)[]): number | null {
  return costs.some((cost) => cost === null) ? null : costs.reduce<number>((sum, cost) => sum + cost!, 0);
}

/** What the candidates' and judges' requests cost; candidates that read a file of outputs call no model. */
export function evaluationCost(
  candidates: readonly CandidateRuntime[],
  judges: readonly JudgeRuntime[],
): EvaluationCost {
  const callers = candidates.filter((c) => c.caller);
  return {
    candidatesUsd: sumOrNull(callers.map((c) => c.tally.costUsd)),
    judgesUsd: sumOrNull(judges.map((j) => j.tally.costUsd)),
    spentUsd: [...callers, ...judges].reduce((sum, { tally }) => sum + tally.spentUsd, 0),
  };
}

export interface ReportInput {
  options: EvaluateOptions;
  rt: EvaluatorRuntime;
  meta: ReportMeta;
  candidates: readonly CandidateRuntime[];
  plan: ScoringPlan;
  scorerInfos: ScorerInfo[];
  judges: readonly JudgeRuntime[];
  result: RunItemsResult;
  itemsFile: string;
  training?: TrainingInfo;
}

/** Summaries with intervals, paired comparisons with the baseline, the gate and the economics: report.json. */
export function buildReport(input: ReportInput): ReportData {
  const { options, rt, candidates, plan, result } = input;
  const baseline = options.compare?.baseline;
  const summaries: ScoreSummary[] = [];
  const comparisons: Comparison[] = [];
  candidates.forEach((candidate, c) => {
    input.scorerInfos.forEach((info, s) => {
      if (info.kind === 'pairwise' && plan.pairwiseBaseline.get(s) === candidate.name) return;
      const samples = dense(result.samples[c]?.[s], result.items);
      summaries.push(
        summarizeScores({
          candidate: candidate.name,
          scorer: info.name,
          samples,
          seed: BOOTSTRAP_SEED,
          corpus: plan.corpus[c]?.[s]?.value(),
          binary: info.kind === 'binary',
        }),
      );
      const against = info.kind === 'pairwise' ? plan.pairwiseBaseline.get(s) : baseline;
      const b = candidates.findIndex((x) => x.name === against);
      if (against === undefined || b < 0 || b === c) return;
      comparisons.push(
        compareToBaseline({
          candidate: candidate.name,
          baseline: against,
          scorer: info.name,
          kind: info.kind,
          candidateSamples: samples,
          baselineSamples: dense(result.samples[b]?.[s], result.items),
          seed: BOOTSTRAP_SEED,
        }),
      );
    });
  });
  const correction = options.compare?.correction ?? 'holm';
  const corrected = correctForMultipleComparisons(comparisons, correction);
  let gate: GateResult | undefined;
  const gateSpec = options.compare?.gate;
  if (baseline && gateSpec) {
    const gated = gateSpec.candidate
      ? [gateSpec.candidate]
      : candidates.map((c) => c.name).filter((n) => n !== baseline);
    const { candidate: _ignored, ...spec } = gateSpec;
    gate = evaluateGate(spec, baseline, corrected.comparisons, gated);
  }
  const tuned = tunedCandidate(candidates, rt);
  const economics = compareEconomics(
    candidates.map((c) => c.tally.entry()),
    baseline,
    tuned ? { candidate: tuned, trainingCostUsd: rt.train?.costUsd } : undefined,
  );
  const infos: CandidateInfo[] = candidates.map((c) => ({
    name: c.name,
    model: c.model,
    provider: c.providerName,
    prompt: describePrompt(c.options),
    isBaseline: c.name === baseline,
  }));
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    meta: input.meta,
    candidates: infos,
    scorers: input.scorerInfos,
    summaries,
    ...(baseline ? { baseline } : {}),
    comparisons: corrected.comparisons,
    correction: { method: correction, family: corrected.family },
    ...(gate ? { gate } : {}),
    economics,
    ...(input.judges.length > 0 ? { judges: input.judges.map((j) => judgeCostEntry(j.scorer, j.model, j.tally)) } : {}),
    cost: evaluationCost(candidates, input.judges),
    ...(input.training ? { training: input.training } : {}),
    items: { file: input.itemsFile, count: result.items },
  };
}

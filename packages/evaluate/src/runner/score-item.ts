import type { EvalItem } from '@tunekit/core';
import type { ItemScore } from '../report/report-data.js';
import { type CorpusAccumulator, type EvalScorer, isPairwise } from '../scorers/index.js';
import type { GeneratedOutput } from './candidate-runtime.js';
import { stopsTheRun } from './failure.js';

export interface ScoringPlan {
  scorers: readonly EvalScorer[];
  candidates: readonly string[];
  /** Per pairwise scorer index: the candidate it compares against. */
  pairwiseBaseline: ReadonlyMap<number, string>;
  /** corpus[candidate][scorer], for scorers with a corpus-level value. */
  corpus: (CorpusAccumulator | undefined)[][];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Scores of one candidate's output under every scorer; a scorer that throws is a scorer error, not a zero. */
export async function scoreOutputs(
  plan: ScoringPlan,
  item: EvalItem,
  outputs: readonly GeneratedOutput[],
  signal: AbortSignal,
): Promise<(ItemScore | undefined)[][]> {
  return Promise.all(
    plan.candidates.map((name, c) =>
      Promise.all(
        plan.scorers.map(async (scorer, s): Promise<ItemScore | undefined> => {
          const generated = outputs[c] as GeneratedOutput;
          const baselineName = plan.pairwiseBaseline.get(s);
          if (isPairwise(scorer) && (baselineName === undefined || baselineName === name)) return undefined;
          if (generated.output === null)
            return { score: null, error: `no output: ${generated.error ?? 'generation failed'}` };
          try {
            if (isPairwise(scorer)) {
              const baseline = outputs[plan.candidates.indexOf(baselineName as string)];
              if (!baseline || baseline.output === null)
                return { score: null, error: 'baseline has no output for this item' };
              const verdict = await scorer.scorePair(item, generated.output, baseline.output, { signal });
              return {
                score: verdict.error ? null : verdict.score,
                pass: verdict.pass,
                reason: verdict.reason,
                error: verdict.error,
              };
            }
            plan.corpus[c]?.[s]?.add(item, generated.output);
            const result = await scorer.score(item, generated.output, { signal });
            return {
              score: result.error ? null : result.score,
              pass: result.pass,
              reason: result.reason,
              error: result.error,
            };
          } catch (error) {
            if (stopsTheRun(error, signal)) throw error;
            return { score: null, error: `scorer failed: ${errorMessage(error)}` };
          }
        }),
      ),
    ),
  );
}

import type { ScoreSummary } from '../report/report-data.js';
import { gradedMeanInterval } from './graded-interval.js';
import { wilsonInterval } from './wilson.js';

/** One item's score as the statistics see it: `score: null` (or `error`) when the scorer or the generation failed. */
export interface ScoreSample {
  score: number | null;
  pass?: boolean;
  error?: string;
}

const SCORE_BOUNDS = { low: 0, high: 1 };

export function isScored(sample: ScoreSample | undefined): sample is ScoreSample & { score: number } {
  return sample !== undefined && sample.score !== null && !sample.error && Number.isFinite(sample.score);
}

/**
 * Mean with its 95% interval (Wilson for pass/fail scorers, otherwise the seeded expanded bootstrap, or Hoeffding's
 * bound below 6 items), pass rate and error count of one candidate × scorer. Errors never count as zeros.
 */
export function summarizeScores(input: {
  candidate: string;
  scorer: string;
  samples: readonly ScoreSample[];
  seed: number;
  resamples?: number;
  corpus?: number | null;
  /** Pass/fail scores (0 or 1): the interval is Wilson's. */
  binary?: boolean;
}): ScoreSummary {
  const values: number[] = [];
  let passes = 0;
  let decided = 0;
  for (const sample of input.samples) {
    if (!isScored(sample)) continue;
    values.push(sample.score);
    if (sample.pass !== undefined) {
      decided++;
      if (sample.pass) passes++;
    }
  }
  const graded = gradedMeanInterval(values, { seed: input.seed, resamples: input.resamples, bounds: SCORE_BOUNDS });
  const { mean, n } = graded;
  const ci = input.binary ? wilsonInterval(values.filter((v) => v >= 0.5).length, n) : graded.ci;
  const summary: ScoreSummary = {
    candidate: input.candidate,
    scorer: input.scorer,
    mean,
    ci,
    ...(ci ? { ciMethod: input.binary ? 'wilson' : graded.method } : {}),
    n,
    errors: input.samples.length - n,
  };
  if (decided > 0) summary.passRate = passes / decided;
  if (input.corpus !== undefined) summary.corpus = input.corpus;
  return summary;
}

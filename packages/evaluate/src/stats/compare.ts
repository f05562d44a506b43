import type { Comparison, ScorerKind } from '../report/report-data.js';
import { findingOf } from './finding.js';
import { gradedMeanInterval } from './graded-interval.js';
import { mcnemarExact } from './mcnemar.js';
import { pairedProportionDifference } from './paired-proportions.js';
import { isScored, type ScoreSample } from './summarize.js';
import { TIE_TOLERANCE } from './tie-tolerance.js';
import { wilcoxonSignedRank } from './wilcoxon.js';

const DIFFERENCE_BOUNDS = { low: -1, high: 1 };

/**
 * A candidate against the baseline on one scorer, over the items both have a score for (samples are aligned by item).
 * - binary scorers: paired difference of pass rates with Newcombe's interval, McNemar's exact test on the discordant
 *   pairs;
 * - continuous scorers: paired difference of means with the expanded bootstrap interval (Hoeffding's below 6 pairs),
 *   Wilcoxon signed-rank test;
 * - pairwise judge: only the candidate's samples (1 win, 0.5 tie, 0 loss); diff = (wins − losses) / n with Newcombe's
 *   interval, sign test.
 */
export function compareToBaseline(input: ComparisonInput): Comparison {
  const comparison = measure(input);
  return { ...comparison, finding: findingOf(comparison) };
}

interface ComparisonInput {
  candidate: string;
  baseline: string;
  scorer: string;
  kind: ScorerKind;
  candidateSamples: readonly ScoreSample[];
  baselineSamples: readonly ScoreSample[];
  seed: number;
  resamples?: number;
}

function measure(input: ComparisonInput): Comparison {
  const base = { candidate: input.candidate, baseline: input.baseline, scorer: input.scorer };
  if (input.kind === 'pairwise') {
    const signed = input.candidateSamples.filter(isScored).map((s) => 2 * s.score - 1);
    const wins = signed.filter((v) => v > TIE_TOLERANCE).length;
    const losses = signed.filter((v) => v < -TIE_TOLERANCE).length;
    const n = signed.length;
    const ties = n - wins - losses;
    // Win and loss are paired indicators of one item (never both): Newcombe's interval of P(win) − P(loss).
    const ci = pairedProportionDifference({ both: 0, onlyCandidate: wins, onlyBaseline: losses, neither: ties });
    return {
      ...base,
      n,
      diff: n ? (wins - losses) / n : null,
      ci,
      ...(ci ? { ciMethod: 'newcombe' as const } : {}),
      test: 'pairwise-judge-sign',
      pValue: n ? mcnemarExact(wins, losses) : null,
      wins,
      ties,
      losses,
    };
  }
  const candidate: number[] = [];
  const baseline: number[] = [];
  const length = Math.min(input.candidateSamples.length, input.baselineSamples.length);
  for (let i = 0; i < length; i++) {
    const a = input.candidateSamples[i];
    const b = input.baselineSamples[i];
    if (isScored(a) && isScored(b)) {
      candidate.push(input.kind === 'binary' ? passValue(a) : a.score);
      baseline.push(input.kind === 'binary' ? passValue(b) : b.score);
    }
  }
  let wins = 0;
  let losses = 0;
  for (let i = 0; i < candidate.length; i++) {
    const d = candidate[i]! - baseline[i]!;
    if (d > TIE_TOLERANCE) wins++;
    else if (d < -TIE_TOLERANCE) losses++;
  }
  const n = candidate.length;
  const ties = n - wins - losses;
  if (n === 0) return { ...base, n, diff: null, ci: null, test: testOf(input.kind), pValue: null, wins, ties, losses };
  if (input.kind === 'binary') {
    const both = candidate.filter((v, i) => v === 1 && baseline[i] === 1).length;
    const ci = pairedProportionDifference({ both, onlyCandidate: wins, onlyBaseline: losses, neither: ties - both });
    const diff = (wins - losses) / n;
    const pValue = mcnemarExact(wins, losses);
    return { ...base, n, diff, ci, ciMethod: 'newcombe', test: 'mcnemar-exact', pValue, wins, ties, losses };
  }
  const differences = candidate.map((value, i) => value - baseline[i]!);
  const { mean, ci, method } = gradedMeanInterval(differences, {
    seed: input.seed,
    resamples: input.resamples,
    bounds: DIFFERENCE_BOUNDS,
  });
  const pValue = wilcoxonSignedRank(candidate, baseline).pValue;
  return { ...base, n, diff: mean, ci, ciMethod: method, test: 'wilcoxon-signed-rank', pValue, wins, ties, losses };
}

function passValue(sample: ScoreSample & { score: number }): number {
  if (sample.pass !== undefined) return sample.pass ? 1 : 0;
  return sample.score >= 0.5 ? 1 : 0;
}

function testOf(kind: ScorerKind): Comparison['test'] {
  return kind === 'binary' ? 'mcnemar-exact' : 'wilcoxon-signed-rank';
}

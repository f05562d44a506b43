import { pointScorer } from './point-scorer.js';
import { tokenize13a } from './tokenizer-13a.js';
import type { CorpusAccumulator, PointScorer } from './types.js';

const MAX_ORDER = 4;

/** Sufficient statistics of BLEU for one hypothesis: clipped n-gram matches and totals per order, and lengths. */
export interface BleuStats {
  correct: number[];
  total: number[];
  hypothesisLength: number;
  referenceLength: number;
}

function ngramCounts(tokens: readonly string[], order: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + order <= tokens.length; i++) {
    const gram = tokens.slice(i, i + order).join('\u0001');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

export function bleuStats(hypothesis: string, reference: string): BleuStats {
  const hyp = tokenize13a(hypothesis);
  const ref = tokenize13a(reference);
  const correct: number[] = [];
  const total: number[] = [];
  for (let order = 1; order <= MAX_ORDER; order++) {
    const refCounts = ngramCounts(ref, order);
    let matches = 0;
    for (const [gram, count] of ngramCounts(hyp, order)) matches += Math.min(count, refCounts.get(gram) ?? 0);
    correct.push(matches);
    total.push(Math.max(0, hyp.length - order + 1));
  }
  return { correct, total, hypothesisLength: hyp.length, referenceLength: ref.length };
}

/**
 * BLEU in 0..1 from summed statistics, as sacreBLEU computes it with `smooth_method='exp'`: an order with no match
 * gets precision 1 / (2^k · total) for its k-th such order. `effectiveOrder` (sentence BLEU's default) averages only
 * over the orders the hypothesis has n-grams of; corpus BLEU does not.
 */
export function bleuFromStats(stats: BleuStats, effectiveOrder: boolean): number {
  if (!stats.correct.some((c) => c > 0)) return 0;
  const logPrecisions: number[] = [];
  let order = MAX_ORDER;
  let smoothing = 1;
  for (let n = 1; n <= MAX_ORDER; n++) {
    const total = stats.total[n - 1]!;
    const correct = stats.correct[n - 1]!;
    if (total === 0) break;
    if (effectiveOrder) order = n;
    if (correct === 0) {
      smoothing *= 2;
      logPrecisions.push(Math.log(1 / (smoothing * total)));
    } else logPrecisions.push(Math.log(correct / total));
  }
  while (logPrecisions.length < order) logPrecisions.push(-9999999999);
  const { hypothesisLength: sys, referenceLength: ref } = stats;
  const brevity = sys < ref ? (sys > 0 ? Math.exp(1 - ref / sys) : 0) : 1;
  const sum = logPrecisions.slice(0, order).reduce((a, b) => a + b, 0);
  return brevity * Math.exp(sum / order);
}

/** Sentence BLEU (sacreBLEU `sentence_bleu` defaults: 13a, exp smoothing, effective order), 0..1. */
export function sentenceBleu(hypothesis: string, reference: string): number {
  return bleuFromStats(bleuStats(hypothesis, reference), true);
}

/** Corpus BLEU over pairs (sacreBLEU `corpus_bleu` defaults), 0..1. */
export function corpusBleu(pairs: Iterable<{ hypothesis: string; reference: string }>): number | null {
  const accumulator = bleuAccumulator();
  for (const { hypothesis, reference } of pairs) accumulator.addPair(hypothesis, reference);
  return accumulator.value();
}

function bleuAccumulator(): CorpusAccumulator & { addPair(hypothesis: string, reference: string): void } {
  const sum: BleuStats = { correct: [0, 0, 0, 0], total: [0, 0, 0, 0], hypothesisLength: 0, referenceLength: 0 };
  let count = 0;
  const addPair = (hypothesis: string, reference: string) => {
    const stats = bleuStats(hypothesis, reference);
    for (let i = 0; i < MAX_ORDER; i++) {
      sum.correct[i]! += stats.correct[i]!;
      sum.total[i]! += stats.total[i]!;
    }
    sum.hypothesisLength += stats.hypothesisLength;
    sum.referenceLength += stats.referenceLength;
    count++;
  };
  return {
    addPair,
    add: (item, output) => addPair(output, item.reference),
    value: () => (count === 0 ? null : bleuFromStats(sum, false)),
  };
}

export function createBleuScorer(name: string): PointScorer {
  return pointScorer(
    name,
    'BLEU (sacreBLEU defaults: 13a, exp smoothing; corpus BLEU in summaries)',
    false,
    (item, output) => ({ score: sentenceBleu(output, item.reference) }),
    { corpus: bleuAccumulator },
  );
}

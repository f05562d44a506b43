import type { EvalItem, Score, Scorer } from '@tunekit/core';

/** Accumulates a corpus-level metric item by item (BLEU sums n-gram statistics), so outputs need not be held. */
export interface CorpusAccumulator {
  add(item: EvalItem, output: string): void;
  /** 0..1, null when nothing was added. */
  value(): number | null;
}

/** A scorer of one output against the item (the `Scorer` contract) with what reports need to know about it. */
export interface PointScorer extends Scorer {
  readonly kind: 'point';
  /** True when every score is 0 or 1 with `pass` set: statistics use McNemar's exact test. */
  readonly binary: boolean;
  readonly description: string;
  /** Present on metrics with a corpus-level value (BLEU). */
  corpus?(): CorpusAccumulator;
}

export interface PairScore extends Score {
  /** score = 1 when the candidate wins, 0.5 on a tie (incl. the two orders disagreeing), 0 when the baseline wins. */
  winner: 'candidate' | 'baseline' | 'tie';
  /** The verdict of each order: first the candidate shown as A, then as B. */
  orders: { shownAsA: 'candidate' | 'baseline'; winner: 'A' | 'B' | 'tie'; reason: string }[];
}

/**
 * The pairwise judge needs both outputs, so it has its own signature: `scorePair(item, output, baselineOutput)`.
 * The engine calls it for every non-baseline candidate with the baseline's output of the same item; it is not
 * called for the baseline itself.
 */
export interface PairwiseScorer {
  readonly specVersion: 'v1';
  readonly kind: 'pairwise';
  readonly name: string;
  readonly description: string;
  /** Baseline candidate named in the spec; undefined = the `compare.baseline` of the pipeline. */
  readonly baseline?: string;
  scorePair(
    item: EvalItem,
    output: string,
    baselineOutput: string,
    options?: { signal?: AbortSignal },
  ): Promise<PairScore>;
}

export type EvalScorer = PointScorer | PairwiseScorer;

export function isPairwise(scorer: EvalScorer): scorer is PairwiseScorer {
  return scorer.kind === 'pairwise';
}

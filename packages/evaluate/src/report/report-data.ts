import type { ModelRetirement } from '@tunekit/core';

/**
 * What `report.json` holds, and what every renderer (html, md, junit) reads.
 *
 * Decision on per-item rows: they are NOT inside `report.json`. They may be large (50,000 items × candidates), so the
 * engine streams them to the per-item JSONL file named by `items.file` (relative to the run folder, one `ItemRow` per
 * line) and the renderers take them as an `AsyncIterable<ItemRow>` (see `readItemRows`). `report.json` stays small
 * enough to hold in memory; everything else (summaries, comparisons, gate, economics, training) lives in it.
 */
export const REPORT_FORMAT_VERSION = 1;

export interface ReportMeta {
  pipeline: string;
  runId: string;
  /** ISO timestamp. */
  createdAt: string;
  /** True when the models were simulated by the sandbox: every report says "sandbox: simulated models". */
  sandbox: boolean;
  toolVersion: string;
  /** sha256 of the evaluation items file. */
  datasetHash?: string;
  seeds: { bootstrap: number; sampling?: number };
  /** Number of evaluation items. */
  items: number;
}

export interface CandidateInfo {
  name: string;
  model: string;
  /** Name of the endpoint in the pipeline's `providers:` map (or its base URL without credentials). Never a key. */
  provider: string;
  /** Human description of the prompt variant: "as is", "system prompt", "few-shot k=5 (nearest)", "template", "outputs file". */
  prompt: string;
  isBaseline: boolean;
}

export interface Interval {
  low: number;
  high: number;
}

export type ScorerKind = 'binary' | 'continuous' | 'pairwise';

/**
 * How a 95% interval was computed: Wilson's (a pass rate), Newcombe's (a difference of paired pass rates),
 * the expanded percentile bootstrap (graded scores), `bootstrap-widened`: that bootstrap widened on a side where it
 * stopped at the most extreme value observed (no loss among the pairs, say) by the share of items that could go past
 * it, Hoeffding's bound (graded scores on fewer than 6 items), or `all-equal`: graded values that are all the same,
 * bounded by the share of items that could differ.
 */
export type IntervalMethod = 'wilson' | 'newcombe' | 'bootstrap' | 'bootstrap-widened' | 'hoeffding' | 'all-equal';

export interface ScorerInfo {
  name: string;
  kind: ScorerKind;
  description: string;
}

/** One candidate × scorer. */
export interface ScoreSummary {
  candidate: string;
  scorer: string;
  /** Mean of the per-item scores that did not error; null when none did. */
  mean: number | null;
  /**
   * 95% interval of the mean: Wilson for pass/fail scorers, else the seeded expanded percentile bootstrap (widened
   * past the observed extremes it stops at), or Hoeffding's bound below 6 items; `ciMethod` says which.
   */
  ci: Interval | null;
  /** Absent in reports written before it was recorded. */
  ciMethod?: IntervalMethod;
  /** Items scored (errors excluded). */
  n: number;
  /** Items the scorer could not decide (e.g. unparseable judge verdicts) or whose generation failed. */
  errors: number;
  /** Fraction of passes among `n`, for scorers that decide pass/fail. */
  passRate?: number | null;
  /** Corpus-level value when the metric has one (BLEU: corpus BLEU, not the mean of sentence BLEU). */
  corpus?: number | null;
}

export type PairedTest = 'mcnemar-exact' | 'wilcoxon-signed-rank' | 'pairwise-judge-sign';

/**
 * What a comparison allows one to claim: `better`/`worse` need at least 6 paired items, p < 0.05 (Holm-adjusted unless
 * `correction: none`) and the 95% interval on that side of 0; otherwise `no-significant-difference`, `too-few-items` (under 6 pairs) or `no-pairs`.
 */
export type Finding = 'better' | 'worse' | 'no-significant-difference' | 'too-few-items' | 'no-pairs';

/** Candidate against the baseline on the items both have scores for. */
export interface Comparison {
  candidate: string;
  baseline: string;
  scorer: string;
  /** Paired items (both scored without error). */
  n: number;
  /** Mean of (candidate − baseline); for the pairwise judge, (wins − losses) / n. */
  diff: number | null;
  /**
   * 95% interval of `diff`: Newcombe's for pass/fail scorers and the pairwise judge, else the paired expanded
   * percentile bootstrap (widened past the observed extremes it stops at), or Hoeffding's bound below 6 pairs;
   * `ciMethod` says which.
   */
  ci: Interval | null;
  /** Absent in reports written before it was recorded. */
  ciMethod?: IntervalMethod;
  test: PairedTest;
  /** The test's own p. */
  pValue: number | null;
  /**
   * p adjusted by Holm's method for the report's family of comparisons (see `ReportData.correction`): what `finding`
   * reads. Absent with `correction: none` and in reports written before the correction.
   */
  pAdjusted?: number | null;
  /** Absent in reports written before it was recorded (renderers derive it then). */
  finding?: Finding;
  wins: number;
  ties: number;
  losses: number;
}

/** How the p values of a report's comparisons are adjusted for their number: Holm's method, or not at all. */
export type CorrectionMethod = 'holm' | 'none';

export interface Correction {
  method: CorrectionMethod;
  /** Comparisons with a p, corrected together: every candidate × scorer paired test against its baseline. */
  family: number;
}

export interface GateSpec {
  metric: string;
  non_inferiority_margin?: number;
  min_improvement?: number;
}

export interface GateCheck {
  candidate: string;
  passed: boolean;
  diff: number | null;
  ci: Interval | null;
  /** One sentence: "lower bound −0.013 > −0.02: not worse than gpt-4o few-shot by more than 0.02". */
  explanation: string;
}

export interface GateResult extends GateSpec {
  baseline: string;
  kind: 'non_inferiority' | 'min_improvement';
  passed: boolean;
  checks: GateCheck[];
  explanation: string;
}

export interface EconomicsEntry {
  candidate: string;
  requests: number;
  cacheHits: number;
  tokensInPerRequest: number | null;
  tokensOutPerRequest: number | null;
  /** USD per 1,000 requests at catalog prices (fine-tuned prices for `ft:` models); null when no price is known. */
  costPer1kUsd: number | null;
  /** Latency over live (non-cached) requests. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  /** Prompt tokens per request saved against the baseline (positive = shorter prompt). */
  promptTokensSavedPerRequest?: number | null;
  /** Training cost attributed to this candidate (the tuned model). */
  trainingCostUsd?: number | null;
  /**
   * Requests after which the saving per request has paid back the training cost; null when it never does, absent when
   * the cost per request of this candidate or the baseline is unknown.
   */
  breakEvenRequests?: number | null;
  priceAsOf?: string;
  priceSource?: string;
}

/** What a judge scorer's requests cost (judges are paid per item scored, on top of the candidates' requests). */
export interface JudgeCostEntry {
  scorer: string;
  model: string;
  requests: number;
  cacheHits: number;
  tokensInPerRequest: number | null;
  tokensOutPerRequest: number | null;
  /** USD of all its requests at catalog prices, cached answers included; null when no price is known. */
  costUsd: number | null;
  priceAsOf?: string;
  priceSource?: string;
}

/** What the model requests of this evaluation cost, at catalog prices. */
export interface EvaluationCost {
  /** Every candidate request, cached answers included; null when a candidate that called a model has no price. */
  candidatesUsd: number | null;
  /** Every judge request, cached answers included; null when a judge has no price. */
  judgesUsd: number | null;
  /** What this run paid for: live requests of candidates and judges with a known price (batch at its discount). */
  spentUsd: number;
}

export interface LossPoint {
  step: number;
  trainLoss?: number;
  validLoss?: number;
}

export interface TrainingInfo {
  model?: string;
  baseModel?: string;
  trainedTokens?: number;
  costUsd?: number;
  /** When the service retires the base model, and the tuned model with it. */
  retires?: ModelRetirement;
  /** From the trainer's metrics.csv. */
  loss: LossPoint[];
}

export interface ItemScore {
  score: number | null;
  pass?: boolean;
  reason?: string;
  error?: string;
}

export interface ItemOutput {
  /** null when generation failed (see `error`). */
  output: string | null;
  error?: string;
  latencyMs?: number;
  cached?: boolean;
  /** Keyed by scorer name. */
  scores: Record<string, ItemScore>;
}

/** One line of the per-item JSONL. */
export interface ItemRow {
  id: string;
  /** The prompt's last user message, shortened by the engine (≤ 2,000 chars). */
  prompt: string;
  reference: string;
  /** Keyed by candidate name. */
  outputs: Record<string, ItemOutput>;
}

export interface ReportData {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  meta: ReportMeta;
  candidates: CandidateInfo[];
  scorers: ScorerInfo[];
  summaries: ScoreSummary[];
  /** Absent when the pipeline names no baseline. */
  baseline?: string;
  comparisons: Comparison[];
  /** Absent in reports written before the correction (their p values are unadjusted). */
  correction?: Correction;
  gate?: GateResult;
  economics: EconomicsEntry[];
  /** One entry per judge scorer (absent when no scorer calls a model). */
  judges?: JudgeCostEntry[];
  cost?: EvaluationCost;
  training?: TrainingInfo;
  /** The per-item JSONL, relative to the run folder. */
  items: { file: string; count: number };
}

import type { EvaluationFailure, EvaluationOutcome } from '../contracts/evaluator.js';

/** `manifest.json` of a run folder: what ran, on what, with what result. */
export interface LedgerEntry {
  step: string;
  in: number;
  out: number;
  rejected: number;
  discarded: number;
}

export interface StepManifest extends LedgerEntry {
  use: string;
  role: 'source' | 'transform';
  ms: number;
  counters: Record<string, number>;
  reports: Record<string, unknown>;
}

/** The `evaluate` section: what the evaluation produced, and why it failed if it did (then perhaps only that). */
export interface EvaluationRecord {
  gatePassed?: boolean;
  summary?: string;
  reports?: string[];
  cost?: EvaluationOutcome['cost'];
  failure?: EvaluationFailure;
}

export interface Manifest {
  specVersion: 'v1';
  tool: { name: 'tunekit'; version: string; node: string };
  runId: string;
  status: 'running' | 'succeeded' | 'failed' | 'aborted';
  error?: { code: string; message: string };
  startedAt: string;
  finishedAt?: string;
  pipeline: { name: string; file: string; sha256: string };
  model: string;
  sandbox: boolean;
  inputs: { file: string; sha256: string; bytes: number }[];
  steps: StepManifest[];
  ledger: LedgerEntry[];
  outputs: Record<string, { file: string; lines: number; bytes: number; sha256: string }>;
  /** Token statistics and the cost estimate, reported by the token-budget step. */
  tokens?: unknown;
  estimate?: unknown;
  train?: unknown;
  evaluate?: EvaluationRecord;
  timings: Record<string, number>;
}

import type { LedgerEntry } from '../run-folder/manifest.js';

/** What the runner tells the CLI while it works (progress bars on a TTY, plain lines otherwise). */
export type RunEvent =
  | { type: 'phase-start'; phase: 'dataset' | 'train' | 'evaluate' }
  | { type: 'phase-end'; phase: 'dataset' | 'train' | 'evaluate'; ms: number }
  | { type: 'dataset-progress'; steps: LedgerEntry[]; elapsedMs: number; recordsPerSecond: number }
  | { type: 'train-event'; event: unknown }
  | { type: 'evaluate-progress'; done: number; total: number; errors: number; costUsd: number }
  | { type: 'log'; level: 'info' | 'warn'; message: string };

import type { Logger } from '../contracts/logger.js';
import type { ModelContext } from '../contracts/model.js';
import type { DataRecord } from '../contracts/record.js';
import type { DiscardDetail, RejectDetail, StepContext, WorkerPool } from '../contracts/step.js';
import type { Tally } from './tally.js';

/** Where rejected and discarded records go (files in a run, arrays in tests). */
export interface RecordOutlet {
  reject(step: string, record: DataRecord, code: string, detail: RejectDetail): void;
  discard(step: string, record: DataRecord, reason: string, detail: DiscardDetail): void;
}

export interface StepContextDeps {
  signal: AbortSignal;
  logger: Logger;
  baseDir: string;
  runDir: string;
  workers: number;
  /** The run's shared worker threads (one pool per run, closed by whoever created it). */
  pool?: WorkerPool;
  outlet: RecordOutlet;
  model(): Promise<ModelContext>;
}

export function createStepContext(tally: Tally, deps: StepContextDeps): StepContext {
  const step = tally.step;
  return {
    step,
    signal: deps.signal,
    logger: deps.logger,
    baseDir: deps.baseDir,
    runDir: deps.runDir,
    workers: deps.workers,
    pool: deps.pool,
    model: deps.model,
    reject(record, code, detail) {
      tally.noteRejected(record);
      deps.outlet.reject(
        step,
        record,
        code,
        typeof detail === 'string' ? { message: detail } : (detail ?? { message: code }),
      );
    },
    discard(record, reason, detail) {
      tally.noteDiscarded(record);
      deps.outlet.discard(step, record, reason, detail ?? {});
    },
    count(name, by = 1) {
      tally.counters[name] = (tally.counters[name] ?? 0) + by;
    },
    report(key, value) {
      tally.reports[key] = value;
    },
  };
}

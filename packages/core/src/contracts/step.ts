import type { Logger } from './logger.js';
import type { ModelContext } from './model.js';
import type { DataRecord } from './record.js';

export interface RejectDetail {
  message: string;
  /** Location inside the record, e.g. the line in the input file, the message index and key of a chat line. */
  line?: number;
  messageIndex?: number;
  key?: string;
  [key: string]: unknown;
}

export interface DiscardDetail {
  /** The id of the record that was kept in place of this one (dedupe), when there is one. */
  keptId?: string;
  similarity?: number;
  [key: string]: unknown;
}

/**
 * A pure batch function a worker thread can build: `module` (a file URL of built JavaScript) exports
 * `exportName(init)`, which returns `(batch) => result`. Its output may depend only on `init` and the batch, so any
 * number of workers gives the same result. `init` and batches are copied to the thread (structured clone): keep them
 * small (texts, numbers), never whole records.
 */
export interface WorkerTask<I, O> {
  readonly module: string;
  readonly exportName: string;
  readonly init: unknown;
  /** The same factory for running in the calling thread; without it the pool imports `module`. */
  inline?(init: unknown): (batch: I[]) => O | Promise<O>;
}

/**
 * The run's workers, shared by every step: the calling thread and `size - 1` worker threads. Each builds a task
 * once and keeps it.
 */
export interface WorkerPool {
  /** Threads that compute batches, the calling thread included (1: every batch runs in the calling thread). */
  readonly size: number;
  run<I, O>(task: WorkerTask<I, O>, batch: I[]): Promise<O>;
  /**
   * Computes the oldest batch still queued for the threads in the calling thread; false when none is queued.
   * A step about to wait for a result calls it first, so the calling thread works instead of waiting.
   */
  help(): Promise<boolean>;
  /**
   * Builds the task in the pool's threads now, ahead of its first batch (a step calls it when it starts, so that a
   * thread loads a tokenizer while the calling thread is still reading the first records).
   */
  prepare(task: WorkerTask<unknown, unknown>): void;
}

/** What a step can do besides yielding records. Every record a step takes in ends as output, reject or discard. */
export interface StepContext {
  /** Instance name of the step in the pipeline (its `name:` or its `use:` id, made unique). */
  readonly step: string;
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** Folder of the pipeline file; relative paths in options resolve against it. */
  readonly baseDir: string;
  /** The run folder, for steps that write their own side files. */
  readonly runDir: string;
  /** Worker threads a step may use for CPU-bound work. */
  readonly workers: number;
  /** The run's shared pool of `workers` threads for CPU-bound batches (absent in hand-made contexts). */
  readonly pool?: WorkerPool;
  /** A row problem: the record goes to rejects.jsonl with this code. */
  reject(record: DataRecord, code: string, detail?: string | RejectDetail): void;
  /** A record that is fine but not kept (a duplicate, a record over the dataset budget). */
  discard(record: DataRecord, reason: string, detail?: DiscardDetail): void;
  /** Adds to a named counter of this step; counters land in the manifest. */
  count(name: string, by?: number): void;
  /** Attaches a JSON-serialisable section to this step's entry in the manifest (e.g. token statistics). */
  report(key: string, value: unknown): void;
  /** The pipeline's target model (tokenizer, limits, prices); loaded on first use. */
  model(): Promise<ModelContext>;
}

/** What a source step is given instead of upstream records. */
export type StepInput = AsyncIterable<DataRecord>;

/**
 * A dataset step. Implement `run` as an async generator (the general form), `map` for a per-record step (the runner
 * fuses map steps and moves records in batches, so they cost almost nothing), or `runBatches` for a step that works
 * on many records at once (the runner's arrays go in and out as they are: no promise per record).
 */
export interface Step {
  readonly specVersion: 'v1';
  /** True when one input may become several outputs; outputs then carry `parents`. */
  readonly fanOut?: boolean;
  run?(input: StepInput, ctx: StepContext): AsyncIterable<DataRecord>;
  /**
   * `run` over arrays of records, in order; the step owns the arrays it is given (it may change and yield them).
   * Empty arrays may be yielded and are skipped.
   */
  runBatches?(input: AsyncIterable<DataRecord[]>, ctx: StepContext): AsyncIterable<DataRecord[]>;
  /** Returns the record (changed or not), several records (fan-out), or nothing after reject/discard. */
  map?(
    record: DataRecord,
    ctx: StepContext,
  ): DataRecord | DataRecord[] | undefined | Promise<DataRecord | DataRecord[] | undefined>;
  /** Called after the last record of a `map` step; may yield late records or throw. */
  flush?(ctx: StepContext): AsyncIterable<DataRecord> | Iterable<DataRecord> | undefined | Promise<undefined>;
}

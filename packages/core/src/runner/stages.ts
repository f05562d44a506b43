import type { DataRecord } from '../contracts/record.js';
import type { Step, StepContext } from '../contracts/step.js';
import { TunekitError } from '../errors.js';
import type { Tally } from './tally.js';

/**
 * Records move between steps in arrays: a promise tick per batch instead of per record. Plugin authors see one
 * record at a time (`map`), an async iterable of records (`run`), or the arrays themselves (`runBatches`).
 */
export type Batches = AsyncIterable<DataRecord[]>;
export const BATCH_SIZE = 256;

export function abortedError(step: string): TunekitError {
  return new TunekitError('ABORTED', 'run aborted', { context: { step } });
}

/** Names the step an error came from; errors from upstream keep the step that raised them. */
function annotate(error: unknown, step: string): TunekitError {
  if (TunekitError.is(error)) {
    error.context.step ??= step;
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TunekitError('STEP_FAILED', `step \`${step}\` failed: ${message}`, { cause: error, context: { step } });
}

/** Wraps a stage so that any error leaving it names its step. */
async function* guarded(stage: Batches, step: string): Batches {
  try {
    yield* stage;
  } catch (error) {
    throw annotate(error, step);
  }
}

function isPromise<T>(value: unknown): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === 'function';
}

async function* noInput(): AsyncIterable<DataRecord> {}
async function* noBatches(): AsyncIterable<DataRecord[]> {}

async function* rebatch(records: AsyncIterable<DataRecord>, tally: Tally, signal: AbortSignal): Batches {
  if (signal.aborted) throw abortedError(tally.step);
  let batch: DataRecord[] = [];
  for await (const record of records) {
    tally.noteOutput(record);
    batch.push(record);
    if (batch.length >= BATCH_SIZE) {
      if (signal.aborted) throw abortedError(tally.step);
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** A source: its records become batches; its `in` is what it read (out + rejected + discarded). */
export function sourceStage(step: Step, ctx: StepContext, tally: Tally): Batches {
  return guarded(sourceRecords(step, ctx, tally), tally.step);
}

async function* sourceRecords(step: Step, ctx: StepContext, tally: Tally): Batches {
  if (step.runBatches) {
    if (ctx.signal.aborted) throw abortedError(tally.step);
    for await (const batch of step.runBatches(noBatches(), ctx)) {
      if (ctx.signal.aborted) throw abortedError(tally.step);
      tally.noteOutputs(batch);
      if (batch.length > 0) yield batch;
    }
  } else if (step.run) yield* rebatch(step.run(noInput(), ctx), tally, ctx.signal);
  else throw new TunekitError('INTERNAL', `source \`${tally.step}\` has no run() or runBatches()`);
  tally.in = tally.out + tally.rejected + tally.discarded;
}

async function* flatten(input: Batches, tally: Tally, signal: AbortSignal): AsyncIterable<DataRecord> {
  for await (const batch of input) {
    if (signal.aborted) throw abortedError(tally.step);
    tally.noteInputs(batch);
    yield* batch;
  }
}

/** A general step: `run(records)` as an async generator. */
export function runStage(input: Batches, step: Step, ctx: StepContext, tally: Tally): Batches {
  return guarded(runRecords(input, step, ctx, tally), tally.step);
}

async function* runRecords(input: Batches, step: Step, ctx: StepContext, tally: Tally): Batches {
  yield* rebatch(step.run!(flatten(input, tally, ctx.signal), ctx), tally, ctx.signal);
  tally.check();
}

/** A batch step: `runBatches(batches)`, the runner's arrays passed straight through. */
export function batchStage(input: Batches, step: Step, ctx: StepContext, tally: Tally): Batches {
  return guarded(batchRecords(input, step, ctx, tally), tally.step);
}

async function* counted(input: Batches, tally: Tally, signal: AbortSignal): Batches {
  for await (const batch of input) {
    if (signal.aborted) throw abortedError(tally.step);
    tally.noteInputs(batch);
    yield batch;
  }
}

async function* batchRecords(input: Batches, step: Step, ctx: StepContext, tally: Tally): Batches {
  for await (const batch of step.runBatches!(counted(input, tally, ctx.signal), ctx)) {
    if (ctx.signal.aborted) throw abortedError(tally.step);
    tally.noteOutputs(batch);
    if (batch.length > 0) yield batch;
  }
  tally.check();
}

function collect(result: DataRecord | DataRecord[] | undefined, out: DataRecord[], tally: Tally): void {
  if (result === undefined) return;
  if (Array.isArray(result)) {
    for (const record of result) {
      tally.noteOutput(record);
      out.push(record);
    }
  } else {
    tally.noteOutput(result);
    out.push(result);
  }
}

/** A per-record step: a plain loop over each batch, awaiting only when `map` returns a promise. */
export function mapStage(input: Batches, step: Step, ctx: StepContext, tally: Tally): Batches {
  return guarded(mapRecords(input, step, ctx, tally), tally.step);
}

async function* mapRecords(input: Batches, step: Step, ctx: StepContext, tally: Tally): Batches {
  const map = step.map!;
  for await (const batch of input) {
    if (ctx.signal.aborted) throw abortedError(tally.step);
    tally.noteInputs(batch);
    // Records kept one for one are written back into the batch in place; a fan-out moves the outputs to a new array.
    let kept = 0;
    let spilled: DataRecord[] | undefined;
    for (let index = 0; index < batch.length; index++) {
      const returned = map(batch[index]!, ctx);
      const result = isPromise<DataRecord | DataRecord[] | undefined>(returned) ? await returned : returned;
      if (result === undefined) continue;
      if (!spilled && !Array.isArray(result)) {
        batch[kept++] = result;
        continue;
      }
      spilled ??= batch.slice(0, kept);
      if (Array.isArray(result)) spilled.push(...result);
      else spilled.push(result);
    }
    if (!spilled) batch.length = kept;
    const out = spilled ?? batch;
    tally.noteOutputs(out);
    if (out.length > 0) yield out;
  }
  const late = step.flush ? await step.flush(ctx) : undefined;
  if (late) {
    const out: DataRecord[] = [];
    for await (const record of late) collect(record, out, tally);
    if (out.length > 0) yield out;
  }
  tally.check();
}

/** Measures the time spent in each `next()` of a stage (which includes its upstream's). */
export function timed(input: Batches, add: (ms: number) => void): Batches {
  return {
    [Symbol.asyncIterator]() {
      const iterator = input[Symbol.asyncIterator]();
      return {
        async next() {
          const start = performance.now();
          try {
            return await iterator.next();
          } finally {
            add(performance.now() - start);
          }
        },
        async return(value?: unknown) {
          return (await iterator.return?.(value)) ?? { done: true, value: undefined };
        },
        async throw(error?: unknown) {
          if (iterator.throw) return iterator.throw(error);
          throw error;
        },
      };
    },
  };
}

/**
 * The conformance kit every step's tests use: run a step on records in memory, and check the contract (empty input,
 * early break runs cleanup, errors propagate, abort works, the ledger balances).
 */
import { tmpdir } from 'node:os';
import { type Logger, silentLogger } from '../contracts/logger.js';
import type { ModelContext } from '../contracts/model.js';
import type { StepPlugin } from '../contracts/plugin.js';
import type { DataRecord } from '../contracts/record.js';
import type { DiscardDetail, RejectDetail, Step } from '../contracts/step.js';
import { TunekitError } from '../errors.js';
import { DEFAULT_MODEL } from '../pipeline/pipeline-schema.js';
import { buildChain } from '../runner/chain.js';
import { lazyModel } from '../runner/model-loader.js';
import type { RecordOutlet, StepContextDeps } from '../runner/step-context.js';
import { createWorkerPool, type OwnedWorkerPool } from '../runner/worker-pool.js';

export { type SilentServer, startSilentServer } from './silent-server.js';

export interface RunStepOptions {
  baseDir?: string;
  runDir?: string;
  workers?: number;
  signal?: AbortSignal;
  /** A model id (loaded from @tunekit/format) or a ready context. */
  model?: string | ModelContext;
}

export interface StepRun {
  out: DataRecord[];
  rejected: { record: DataRecord; code: string; detail: RejectDetail }[];
  discarded: { record: DataRecord; reason: string; detail: DiscardDetail }[];
  counters: Record<string, number>;
  reports: Record<string, unknown>;
  ledger: { in: number; out: number; rejected: number; discarded: number };
  /** What the step warned about, in order. */
  warnings: string[];
}

let sequence = 0;

/** A row record as a source would make it. */
export function makeRecord<D>(data: D, overrides: Partial<DataRecord<D>> = {}): DataRecord<D> {
  sequence++;
  const line = overrides.source?.line ?? sequence;
  return { id: `test.jsonl:${line}`, source: { file: 'test.jsonl', line }, data, meta: {}, ...overrides };
}

function arrayStep(records: Iterable<DataRecord> | AsyncIterable<DataRecord>): Step {
  return {
    specVersion: 'v1',
    async *run() {
      yield* records;
    },
  };
}

function deps(
  options: RunStepOptions,
  outlet: RecordOutlet,
  pool: OwnedWorkerPool,
  logger: Logger = silentLogger,
): StepContextDeps {
  const model = options.model;
  return {
    pool,
    signal: options.signal ?? new AbortController().signal,
    logger,
    baseDir: options.baseDir ?? process.cwd(),
    runDir: options.runDir ?? tmpdir(),
    workers: options.workers ?? 1,
    outlet,
    model: typeof model === 'object' ? async () => model : lazyModel(model ?? DEFAULT_MODEL),
  };
}

/** Runs one step (options are parsed by its schema, defaults applied) over records, through the real runner. */
export async function runStep<O>(
  plugin: StepPlugin<O>,
  options: unknown,
  input: Iterable<DataRecord> | AsyncIterable<DataRecord> = [],
  runOptions: RunStepOptions = {},
): Promise<StepRun> {
  const parsed = plugin.options.safeParse(options);
  if (!parsed.success) {
    throw new TunekitError('OPTION_INVALID', `${plugin.id}: ${parsed.error.issues[0]?.message}`, {
      cause: parsed.error,
    });
  }
  const rejected: StepRun['rejected'] = [];
  const discarded: StepRun['discarded'] = [];
  const outlet: RecordOutlet = {
    reject: (_step, record, code, detail) => rejected.push({ record, code, detail }),
    discard: (_step, record, reason, detail) => discarded.push({ record, reason, detail }),
  };
  const step = await plugin.create(parsed.data, {
    baseDir: runOptions.baseDir ?? process.cwd(),
    logger: silentLogger,
    env: process.env,
  });
  const isSource = plugin.role === 'source';
  const pool = createWorkerPool(runOptions.workers ?? 1);
  const warnings: string[] = [];
  const chain = buildChain(
    isSource ? [{ name: plugin.id, step }] : [{ name: 'input', step: arrayStep(input) }],
    isSource ? [] : [{ name: plugin.id, step }],
    deps(runOptions, outlet, pool, { ...silentLogger, warn: (message) => warnings.push(message) }),
  );
  const out: DataRecord[] = [];
  try {
    for await (const batch of chain.output) out.push(...batch);
  } finally {
    await pool.close();
  }
  const tally = chain.tallies.at(-1)!;
  return {
    out,
    rejected,
    discarded,
    counters: tally.counters,
    reports: tally.reports,
    ledger: tally.entry(),
    warnings,
  };
}

async function withinTime<T>(what: string, promise: Promise<T>, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`conformance: ${what} did not finish within ${ms} ms (a hang?)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function expectRejection(
  what: string,
  promise: Promise<unknown>,
  check: (error: unknown) => boolean,
): Promise<void> {
  try {
    await withinTime(what, promise);
  } catch (error) {
    if (check(error)) return;
    throw new Error(`conformance: ${what} failed with the wrong error: ${(error as Error).message}`);
  }
  throw new Error(`conformance: ${what} did not fail`);
}

/**
 * Checks a step against the v1 contract with a sample of input records (ignored by sources).
 * Throws an Error naming the failed check.
 */
export async function checkStepConformance<O>(
  plugin: StepPlugin<O>,
  options: unknown,
  sample: DataRecord[],
  runOptions: RunStepOptions = {},
): Promise<void> {
  if (plugin.specVersion !== 'v1') throw new Error('conformance: specVersion must be v1');
  const full = await withinTime('a run over the sample', runStep(plugin, options, sample, runOptions));
  const { ledger } = full;
  if (plugin.role === 'transform' && ledger.in !== sample.length)
    throw new Error(`conformance: ledger saw ${ledger.in} of ${sample.length} records`);

  const controller = new AbortController();
  controller.abort();
  await expectRejection(
    'an aborted run',
    runStep(plugin, options, sample, { ...runOptions, signal: controller.signal }),
    (e) => TunekitError.is(e, 'ABORTED'),
  );

  if (plugin.role === 'source') return;
  await withinTime('empty input', runStep(plugin, options, [], runOptions));

  const boom = new Error('conformance: upstream failure');
  async function* failing(): AsyncIterable<DataRecord> {
    if (sample[0]) yield structuredClone(sample[0]);
    throw boom;
  }
  await expectRejection(
    'an upstream error',
    runStep(plugin, options, failing(), runOptions),
    (e) => e === boom || (e as Error).cause === boom,
  );

  const parsed = plugin.options.parse(options);
  const step = await plugin.create(parsed, {
    baseDir: runOptions.baseDir ?? process.cwd(),
    logger: silentLogger,
    env: process.env,
  });
  if (!(step.run || step.runBatches) || full.out.length === 0) return;
  let cleaned = false;
  async function* tracked(): AsyncIterable<DataRecord> {
    try {
      for (const record of sample) yield structuredClone(record);
    } finally {
      cleaned = true;
    }
  }
  async function* trackedBatches(): AsyncIterable<DataRecord[]> {
    try {
      for (const record of sample) yield [structuredClone(record)];
    } finally {
      cleaned = true;
    }
  }
  const pool = createWorkerPool(runOptions.workers ?? 1);
  const ctxDeps = deps(runOptions, { reject() {}, discard() {} }, pool);
  const { createStepContext } = await import('../runner/step-context.js');
  const { Tally } = await import('../runner/tally.js');
  const ctx = createStepContext(new Tally(plugin.id), ctxDeps);
  try {
    if (step.runBatches) for await (const _batch of step.runBatches(trackedBatches(), ctx)) break;
    else for await (const _record of step.run!(tracked(), ctx)) break;
  } finally {
    await pool.close();
  }
  if (!cleaned) throw new Error('conformance: breaking out of the step did not run the upstream cleanup (finally)');
}

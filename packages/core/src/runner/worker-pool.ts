import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerPool, WorkerTask } from '../contracts/step.js';
import { TunekitError } from '../errors.js';

/** A pool the run owns: steps share it, the runner closes it once the chain is done. */
export interface OwnedWorkerPool extends WorkerPool {
  close(): Promise<void>;
}

/**
 * What a task may add to the contract: `costlyToBuild` (e.g. it loads a tokenizer's 70 MB rank table) keeps the
 * calling thread from building it only to help; it still helps with the task's batches once built for its own use.
 */
export interface PoolTaskHints {
  readonly costlyToBuild?: boolean;
}

type AnyTask = WorkerTask<unknown, unknown> & PoolTaskHints;
type BatchFunction = (batch: unknown[]) => unknown;

/** Batches sent to a worker thread ahead: one computing, one ready, so it never waits for the calling thread. */
const THREAD_DEPTH = 2;

/**
 * A pool thread's young generation (V8's default is up to 48 MB): what it allocates per batch dies with the batch, so
 * a smaller one collects as cheaply and keeps ~20 MB less resident per thread (measured on the 100 MB chain).
 */
const THREAD_YOUNG_GENERATION_MB = 16;

/**
 * The URL a thread imports for a module. Threads run built JavaScript: when the caller runs from TypeScript sources
 * (tests), this points at the same file under `dist/`.
 */
export function builtModuleUrl(moduleUrl: string): string {
  if (!moduleUrl.endsWith('.ts')) return moduleUrl;
  const path = fileURLToPath(moduleUrl);
  const built = path.replace(/([\\/])src([\\/])(?!.*[\\/]src[\\/])/, '$1dist$2').replace(/\.ts$/, '.js');
  return pathToFileURL(built).href;
}

const keys = new WeakMap<object, string>();

/** The identity of a task (steps usually pass the same object for every batch, so it is computed once). */
function taskKey(task: AnyTask): string {
  let key = keys.get(task);
  if (key === undefined) {
    key = JSON.stringify([builtModuleUrl(task.module), task.exportName, task.init]);
    keys.set(task, key);
  }
  return key;
}

interface InlineRunner {
  run(task: AnyTask, batch: unknown[]): Promise<unknown>;
  /** Whether the calling thread has built (or is building) the task. */
  has(task: AnyTask): boolean;
}

/** Runs tasks in the calling thread, each built once. */
function inlineRunner(): InlineRunner {
  const built = new Map<string, Promise<BatchFunction>>();
  const build = async (task: AnyTask): Promise<BatchFunction> => {
    if (task.inline) return task.inline(task.init) as BatchFunction;
    const factory = (await import(builtModuleUrl(task.module)))[task.exportName] as (init: unknown) => BatchFunction;
    return factory(task.init);
  };
  return {
    async run(task, batch) {
      const key = taskKey(task);
      let fn = built.get(key);
      if (!fn) {
        fn = build(task);
        built.set(key, fn);
      }
      return (await fn)(batch);
    },
    has: (task) => built.has(taskKey(task)),
  };
}

/** What a thread needs to build a task (a batch message adds `id` and `batch`; without them it only builds). */
function taskMessage(task: AnyTask) {
  return { module: builtModuleUrl(task.module), exportName: task.exportName, init: task.init, key: taskKey(task) };
}

function threadScript(): URL {
  const own = import.meta.url.endsWith('.ts') ? './worker-thread.ts' : './worker-thread.js';
  const url = new URL(builtModuleUrl(new URL(own, import.meta.url).href));
  if (!existsSync(fileURLToPath(url))) {
    throw new TunekitError('INTERNAL', `worker script ${fileURLToPath(url)} is missing: build first (npx tsc -b)`);
  }
  return url;
}

interface Job {
  id: number;
  task: AnyTask;
  batch: unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Reply {
  id: number;
  /** The thread has built (or failed to build) a task it was asked to prepare. */
  prepared?: true;
  result?: unknown;
  error?: { message: string; stack?: string };
}

/**
 * `size - 1` worker threads (started on the first batch) and the calling thread. Batches wait in one queue; each
 * thread is kept `THREAD_DEPTH` batches deep, and the calling thread takes the oldest queued batch whenever a step
 * would otherwise wait (`help`), unless that batch's task is costly to build and not yet built in the calling thread.
 * So `size` threads compute, and the split between them follows their load.
 */
function sharedPool(size: number): OwnedWorkerPool {
  const threads = size - 1;
  const inline = inlineRunner();
  const queue: Job[] = [];
  const running = new Map<number, Job & { thread: number }>();
  const load = new Array<number>(threads).fill(0);
  // Tasks a thread is building ahead (`prepare`): it is sent no batch meanwhile, so the calling thread computes
  // the batches it can instead of waiting behind a thread that is loading a tokenizer.
  const preparing = new Array<number>(threads).fill(0);
  let workers: Worker[] | undefined;
  let failure: Error | undefined;
  let nextId = 0;
  const fail = (error: Error) => {
    failure ??= error;
    for (const job of [...queue, ...running.values()]) job.reject(failure);
    queue.length = 0;
    running.clear();
  };
  const dispatch = () => {
    while (queue.length > 0) {
      let thread = -1;
      for (let i = 0; i < threads; i++) {
        if (preparing[i] === 0 && load[i]! < THREAD_DEPTH && (thread < 0 || load[i]! < load[thread]!)) thread = i;
      }
      if (thread < 0) return;
      // Threads take first what only they will compute, and leave the rest for the calling thread to help with.
      const costly = queue.findIndex((queued) => queued.task.costlyToBuild && !inline.has(queued.task));
      const job = queue.splice(Math.max(costly, 0), 1)[0]!;
      load[thread]!++;
      workers![thread]!.postMessage({ ...taskMessage(job.task), id: job.id, batch: job.batch });
      // The thread has its copy: the batch is not kept alive while it computes.
      running.set(job.id, { ...job, batch: [], thread });
    }
  };
  const start = (): Worker[] => {
    const script = threadScript();
    return Array.from({ length: threads }, (_, thread) => {
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB } });
      worker.on('message', (reply: Reply) => {
        if (reply.prepared) {
          preparing[thread]!--;
          return dispatch();
        }
        const job = running.get(reply.id);
        if (!job) return;
        running.delete(reply.id);
        load[job.thread]!--;
        if (reply.error) job.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
        else job.resolve(reply.result);
        dispatch();
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`worker thread exited with code ${code}`));
      });
      return worker;
    });
  };
  return {
    size,
    run<I, O>(task: WorkerTask<I, O>, batch: I[]): Promise<O> {
      if (failure) return Promise.reject(failure);
      workers ??= start();
      return new Promise<O>((resolve, reject) => {
        queue.push({
          id: nextId++,
          task: task as AnyTask,
          batch,
          resolve: resolve as (value: unknown) => void,
          reject,
        });
        dispatch();
      });
    },
    async help() {
      // Replies of worker threads arrive as macrotasks: let them in first, so that a result that is ready ends the
      // caller's wait (and refills the threads) instead of the calling thread draining the whole queue.
      await new Promise((resolve) => setImmediate(resolve));
      const index = queue.findIndex((job) => !job.task.costlyToBuild || inline.has(job.task));
      if (index < 0) return false;
      const job = queue.splice(index, 1)[0]!;
      try {
        job.resolve(await inline.run(job.task, job.batch));
      } catch (error) {
        job.reject(error);
      }
      return true;
    },
    prepare(task) {
      if (failure) return;
      workers ??= start();
      workers.forEach((worker, thread) => {
        preparing[thread]!++;
        worker.postMessage(taskMessage(task as AnyTask));
      });
    },
    async close() {
      fail(new TunekitError('ABORTED', 'the worker pool was closed'));
      if (workers) await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** The pool of a run: `workers` computing threads (the calling thread and `workers - 1` worker threads). */
export function createWorkerPool(workers: number): OwnedWorkerPool {
  if (workers > 1) return sharedPool(Math.floor(workers));
  const inline = inlineRunner();
  return {
    size: 1,
    run: (task, batch) => inline.run(task as AnyTask, batch) as Promise<never>,
    help: async () => false,
    // The calling thread builds a task on its first batch, when it is needed anyway.
    prepare: () => {},
    close: async () => {},
  };
}

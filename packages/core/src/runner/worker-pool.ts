import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerPool, WorkerTask } from '../contracts/step.js';
import { TunekitError } from '../errors.js';

/** A pool the run owns: steps share it, the runner closes it once the chain is done. */
export interface OwnedWorkerPool extends WorkerPool {
  close(): Promise<void>;
}

type BatchFunction = (batch: unknown[]) => unknown;

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
function taskKey(task: WorkerTask<unknown, unknown>): string {
  let key = keys.get(task);
  if (key === undefined) {
    key = JSON.stringify([builtModuleUrl(task.module), task.exportName, task.init]);
    keys.set(task, key);
  }
  return key;
}

/** Tasks run in the calling thread, each built once. */
function inlinePool(): OwnedWorkerPool {
  const built = new Map<string, Promise<BatchFunction>>();
  const build = async (task: WorkerTask<unknown, unknown>): Promise<BatchFunction> => {
    if (task.inline) return task.inline(task.init) as BatchFunction;
    const factory = (await import(builtModuleUrl(task.module)))[task.exportName] as (init: unknown) => BatchFunction;
    return factory(task.init);
  };
  return {
    threads: 0,
    async run<I, O>(task: WorkerTask<I, O>, batch: I[]): Promise<O> {
      const key = taskKey(task as WorkerTask<unknown, unknown>);
      let fn = built.get(key);
      if (!fn) {
        fn = build(task as WorkerTask<unknown, unknown>);
        built.set(key, fn);
      }
      return (await fn)(batch) as O;
    },
    close: async () => {},
  };
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
  resolve(value: unknown): void;
  reject(error: unknown): void;
  thread: number;
}

interface Reply {
  id: number;
  result?: unknown;
  error?: { message: string; stack?: string };
}

/** `threads` worker threads, started on the first batch; each batch goes to the thread with the fewest in flight. */
function threadPool(threads: number): OwnedWorkerPool {
  const pending = new Map<number, Job>();
  const load = new Array<number>(threads).fill(0);
  let workers: Worker[] | undefined;
  let failure: Error | undefined;
  let nextId = 0;
  const fail = (error: Error) => {
    failure ??= error;
    for (const job of pending.values()) job.reject(failure);
    pending.clear();
  };
  const start = (): Worker[] => {
    const script = threadScript();
    return Array.from({ length: threads }, () => {
      const worker = new Worker(script);
      worker.on('message', (reply: Reply) => {
        const job = pending.get(reply.id);
        if (!job) return;
        pending.delete(reply.id);
        load[job.thread]!--;
        if (reply.error) job.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
        else job.resolve(reply.result);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`worker thread exited with code ${code}`));
      });
      return worker;
    });
  };
  const leastLoaded = () => {
    let best = 0;
    for (let i = 1; i < threads; i++) if (load[i]! < load[best]!) best = i;
    return best;
  };
  return {
    threads,
    run<I, O>(task: WorkerTask<I, O>, batch: I[]): Promise<O> {
      if (failure) return Promise.reject(failure);
      workers ??= start();
      const id = nextId++;
      const thread = leastLoaded();
      load[thread]!++;
      const { module, exportName, init } = task;
      const job = {
        id,
        module: builtModuleUrl(module),
        exportName,
        init,
        key: taskKey(task as WorkerTask<unknown, unknown>),
        batch,
      };
      return new Promise<O>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, thread });
        workers![thread]!.postMessage(job);
      });
    },
    async close() {
      fail(new TunekitError('ABORTED', 'the worker pool was closed'));
      if (workers) await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** The pool of a run: `workers` threads, or none (tasks inline) when `workers` ≤ 1. */
export function createWorkerPool(workers: number): OwnedWorkerPool {
  return workers <= 1 ? inlinePool() : threadPool(workers);
}

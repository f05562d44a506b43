import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TunekitError } from '@tunekit/core';
import { type BatchTaskSpec, builtModuleUrl } from './task-spec.js';

/** Runs batches of a pure task, in the calling thread (size ≤ 1) or on `size` worker threads. */
export interface BatchPool<I, O> {
  readonly size: number;
  run(batch: I[]): Promise<O>;
  close(): Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

function inlinePool<I, O>(spec: BatchTaskSpec<I, O>): BatchPool<I, O> {
  const run = spec.inline(spec.init);
  return { size: 1, run: async (batch) => run(batch), close: async () => {} };
}

function workerScriptUrl(): URL {
  const own = import.meta.url.endsWith('.ts') ? './worker-main.ts' : './worker-main.js';
  const url = new URL(builtModuleUrl(new URL(own, import.meta.url).href));
  if (!existsSync(fileURLToPath(url))) {
    throw new TunekitError(
      'INTERNAL',
      `worker script ${fileURLToPath(url)} is missing: build @tunekit/prepare first (npx tsc -b)`,
    );
  }
  return url;
}

function threadPool<I, O>(spec: BatchTaskSpec<I, O>, size: number): BatchPool<I, O> {
  const script = workerScriptUrl();
  const workerData = { module: builtModuleUrl(spec.module), exportName: spec.exportName, init: spec.init };
  const pending = new Map<number, Pending>();
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const job of pending.values()) job.reject(failure);
    pending.clear();
  };
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(script, { workerData });
    worker.on('message', (message: { id: number; result?: unknown; error?: { message: string; stack?: string } }) => {
      const job = pending.get(message.id);
      if (!job) return;
      pending.delete(message.id);
      if (message.error) job.reject(Object.assign(new Error(message.error.message), { stack: message.error.stack }));
      else job.resolve(message.result);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0 && pending.size > 0) fail(new Error(`worker thread exited with code ${code}`));
    });
    return worker;
  });
  let nextId = 0;
  return {
    size,
    run(batch) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      const worker = workers[id % size]!;
      return new Promise<O>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        worker.postMessage({ id, batch });
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

export function createBatchPool<I, O>(spec: BatchTaskSpec<I, O>, size: number): BatchPool<I, O> {
  return size <= 1 ? inlinePool(spec) : threadPool(spec, size);
}

import { parentPort, workerData } from 'node:worker_threads';
import type { BatchFunction } from './task-spec.js';

interface Job {
  id: number;
  batch: unknown[];
}

const { module, exportName, init } = workerData as { module: string; exportName: string; init: unknown };
const factory = (await import(module))[exportName] as (init: unknown) => BatchFunction<unknown, unknown>;
const run = factory(init);
const port = parentPort!;

/** Buffers of typed arrays at the top level of a result move to the caller instead of being copied. */
function transferables(result: unknown): ArrayBuffer[] {
  if (!result || typeof result !== 'object') return [];
  const buffers: ArrayBuffer[] = [];
  for (const value of Object.values(result)) {
    if (
      ArrayBuffer.isView(value) &&
      value.buffer instanceof ArrayBuffer &&
      value.byteLength === value.buffer.byteLength
    ) {
      if (!buffers.includes(value.buffer)) buffers.push(value.buffer);
    }
  }
  return buffers;
}

port.on('message', async (job: Job) => {
  try {
    const result = await run(job.batch);
    port.postMessage({ id: job.id, result }, transferables(result));
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ id: job.id, error: { message: err.message, stack: err.stack } });
  }
});

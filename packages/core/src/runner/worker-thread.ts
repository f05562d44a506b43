/** Entry of a pool thread: builds each task once (by module, export and init) and runs the batches it is sent. */
import { parentPort } from 'node:worker_threads';

/** A batch to compute; without `id` and `batch`, only a request to build the task ahead of its batches. */
interface Job {
  id?: number;
  module: string;
  exportName: string;
  init: unknown;
  /** JSON of the task identity, the key under which the built function is kept. */
  key: string;
  batch?: unknown[];
}

type BatchFunction = (batch: unknown[]) => unknown;

const port = parentPort!;
const built = new Map<string, Promise<BatchFunction>>();

async function build(job: Job): Promise<BatchFunction> {
  const factory = (await import(job.module))[job.exportName] as ((init: unknown) => BatchFunction) | undefined;
  if (typeof factory !== 'function') throw new Error(`${job.module} has no export ${job.exportName}`);
  return factory(job.init);
}

/** Buffers of typed arrays at the top level of a result move to the caller instead of being copied. */
function transferables(result: unknown): ArrayBuffer[] {
  if (!result || typeof result !== 'object') return [];
  const buffers: ArrayBuffer[] = [];
  for (const value of Object.values(result)) {
    if (!ArrayBuffer.isView(value) || !(value.buffer instanceof ArrayBuffer)) continue;
    if (value.byteLength === value.buffer.byteLength && !buffers.includes(value.buffer)) buffers.push(value.buffer);
  }
  return buffers;
}

function builtTask(job: Job): Promise<BatchFunction> {
  let task = built.get(job.key);
  if (!task) {
    task = build(job);
    // A build that fails is reported by the batches that await it.
    task.catch(() => {});
    built.set(job.key, task);
  }
  return task;
}

port.on('message', async (job: Job) => {
  if (job.batch === undefined) {
    const prepared = () => port.postMessage({ prepared: true });
    builtTask(job).then(prepared, prepared);
    return;
  }
  try {
    const result = await (await builtTask(job))(job.batch);
    port.postMessage({ id: job.id, result }, transferables(result));
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ id: job.id, error: { message: err.message, stack: err.stack } });
  }
});

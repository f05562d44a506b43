import type { WorkerPool, WorkerTask } from '@tunekit/core';

export interface OrderedBatchOptions<T, I> {
  /** Items per batch sent to a worker. */
  batchSize: number;
  /** What a worker needs from one item (kept small: it is copied to the worker). */
  toTask(item: T): I;
}

/**
 * Reads ahead in batches, computes each batch on the pool, and yields `[items, result]` in input order. Up to two
 * batches per thread are in flight, so the calling thread keeps reading upstream while the threads compute.
 */
export async function* orderedBatches<T, I, O>(
  input: AsyncIterable<T>,
  pool: WorkerPool,
  task: WorkerTask<I, O>,
  options: OrderedBatchOptions<T, I>,
): AsyncGenerator<[T[], O]> {
  const maxInFlight = Math.max(1, pool.threads * 2);
  const queue: { items: T[]; result: Promise<O> }[] = [];
  const submit = (items: T[]) => {
    const result = pool.run(task, items.map(options.toTask));
    result.catch(() => {}); // awaited in order below; this only silences the unhandled-rejection warning
    queue.push({ items, result });
  };
  let batch: T[] = [];
  for await (const item of input) {
    batch.push(item);
    if (batch.length < options.batchSize) continue;
    submit(batch);
    batch = [];
    while (queue.length >= maxInFlight) {
      const head = queue.shift()!;
      yield [head.items, await head.result];
    }
  }
  if (batch.length > 0) submit(batch);
  while (queue.length > 0) {
    const head = queue.shift()!;
    yield [head.items, await head.result];
  }
}

import type { Readable } from 'node:stream';

/**
 * What an object-mode readable holds, taken synchronously in arrays: one wait per chunk the stream receives, where
 * `for await (const x of stream)` costs a promise per object (here, per CSV row). The stream is destroyed when the
 * consumer stops early.
 */
export async function* readableBatches<T>(stream: Readable): AsyncGenerator<T[]> {
  let wake: (() => void) | undefined;
  const poke = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const events = ['readable', 'end', 'error', 'close'] as const;
  for (const event of events) stream.on(event, poke);
  try {
    for (;;) {
      const batch: T[] = [];
      for (let item: T | null = stream.read(); item !== null; item = stream.read()) batch.push(item);
      if (batch.length > 0) {
        yield batch;
        continue;
      }
      if (stream.errored) throw stream.errored;
      if (stream.readableEnded) return;
      if (stream.destroyed) throw new Error('the stream closed before its end');
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    for (const event of events) stream.off(event, poke);
    if (!stream.readableEnded) stream.destroy();
  }
}

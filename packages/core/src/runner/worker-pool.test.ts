import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerTask } from '../contracts/step.js';
import { TunekitError } from '../errors.js';
import { createWorkerPool, type OwnedWorkerPool } from './worker-pool.js';

// A task module as a pool thread imports it: plain JavaScript; `builds` counts how often a thread built the task.
const dir = mkdtempSync(join(tmpdir(), 'tunekit-pool-'));
const moduleFile = join(dir, 'task.mjs');
writeFileSync(
  moduleFile,
  `import { threadId } from 'node:worker_threads';
let builds = 0;
export function createScale(init) {
  builds++;
  // A task that takes long to build (like a tokenizer): the thread is busy for that long.
  if (init.buildMs) {
    const until = Date.now() + init.buildMs;
    while (Date.now() < until) {}
  }
  return (batch) => {
    if (batch.includes(-1)) throw new Error('negative one is not allowed');
    return { scaled: Float64Array.from(batch, (x) => x * init.factor), thread: threadId, builds };
  };
}`,
);
const scale = (
  factor: number,
  buildMs?: number,
): WorkerTask<number, { scaled: Float64Array; thread: number; builds: number }> => ({
  module: pathToFileURL(moduleFile).href,
  exportName: 'createScale',
  init: { factor, buildMs },
});

let pool: OwnedWorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('createWorkerPool', () => {
  it('runs inline with one worker and on threads with more, with the same results', async () => {
    const inline = createWorkerPool(1);
    expect(inline.size).toBe(1);
    const expected = await inline.run(scale(3), [1, 2, 3]);
    expect([...expected.scaled]).toEqual([3, 6, 9]);
    expect(expected.thread).toBe(0);
    expect(await inline.help()).toBe(false);

    pool = createWorkerPool(3);
    expect(pool.size).toBe(3);
    const results = await Promise.all(Array.from({ length: 8 }, () => pool!.run(scale(3), [1, 2, 3])));
    for (const result of results) expect([...result.scaled]).toEqual([3, 6, 9]);
    // Two worker threads besides the calling one; batches spread over both (the least loaded gets the next one).
    expect(new Set(results.map((r) => r.thread))).toEqual(new Set([1, 2]));
  });

  it('lets the calling thread compute queued batches instead of waiting', async () => {
    pool = createWorkerPool(2);
    const results = Array.from({ length: 6 }, (_, i) => pool!.run(scale(2), [i]));
    // One thread takes two batches ahead; the other four wait in the queue for whoever is free first.
    let helped = 0;
    while (await pool.help()) helped++;
    expect(helped).toBe(4);
    const done = await Promise.all(results);
    expect(done.map((r) => r.scaled[0])).toEqual([0, 2, 4, 6, 8, 10]);
    expect(done.filter((r) => r.thread === 0)).toHaveLength(4);
  });

  it('leaves a task that is costly to build to the threads, which take its batches first', async () => {
    pool = createWorkerPool(2);
    const costly = { ...scale(7), costlyToBuild: true };
    // The thread takes two costly batches ahead, then the third before the cheap ones queued earlier; the calling
    // thread helps only with the cheap ones, and never builds the costly task.
    const heavy = [pool.run(costly, [1]), pool.run(costly, [2])];
    const cheap = [pool.run(scale(2), [1]), pool.run(scale(2), [2])];
    heavy.push(pool.run(costly, [3]));
    let helped = 0;
    while (await pool.help()) helped++;
    const done = await Promise.all([...cheap, ...heavy]);
    expect(done.map((r) => r.scaled[0])).toEqual([2, 4, 7, 14, 21]);
    expect(done.slice(2).every((r) => r.thread !== 0)).toBe(true);
    expect(helped).toBeGreaterThanOrEqual(1);
    expect(done.filter((r) => r.thread === 0)).toHaveLength(helped);
  });

  it('prepares a task in the threads ahead, and sends them no batch until it is built', async () => {
    pool = createWorkerPool(2);
    const slow = { ...scale(3, 400), costlyToBuild: true };
    pool.prepare(slow);
    // While the thread builds the slow task, cheap batches stay queued and the calling thread computes them.
    const cheap = Array.from({ length: 4 }, (_, i) => pool!.run(scale(2), [i]));
    let helped = 0;
    while (await pool.help()) helped++;
    expect(helped).toBe(4);
    expect((await Promise.all(cheap)).every((r) => r.thread === 0)).toBe(true);
    // Then the prepared task runs on the thread, built once, without building it again.
    const heavy = await pool.run(slow, [1]);
    expect([...heavy.scaled]).toEqual([3]);
    expect(heavy.thread).not.toBe(0);
    expect(heavy.builds).toBe(1);
    // A pool of one has no threads to prepare: the calling thread builds on the first batch.
    const inline = createWorkerPool(1);
    inline.prepare(scale(4));
    expect([...(await inline.run(scale(4), [1])).scaled]).toEqual([4]);
  });

  it('builds each task once per thread, and a task with another init separately', async () => {
    pool = createWorkerPool(3);
    const task = scale(2);
    const first = await Promise.all(Array.from({ length: 6 }, () => pool!.run(task, [1])));
    expect(Math.max(...first.map((r) => r.builds))).toBe(1);
    const other = await pool.run(scale(5), [1]);
    expect([...other.scaled]).toEqual([5]);
    expect(other.builds).toBe(2);
  });

  it('rejects only the batch whose task throws, and keeps serving others', async () => {
    pool = createWorkerPool(2);
    await expect(pool.run(scale(1), [-1])).rejects.toThrow('negative one is not allowed');
    expect([...(await pool.run(scale(1), [4])).scaled]).toEqual([4]);
  });

  it('rejects batches in flight and later ones once closed', async () => {
    pool = createWorkerPool(2);
    const inFlight = expect(
      pool.run(
        scale(1),
        Array.from({ length: 1000 }, (_, i) => i),
      ),
    ).rejects.toSatisfy((error) => TunekitError.is(error, 'ABORTED'));
    await pool.close();
    await inFlight;
    await expect(pool.run(scale(1), [1])).rejects.toSatisfy((error) => TunekitError.is(error, 'ABORTED'));
  });
});

import type { WorkerTask } from '@tunekit/core';

/**
 * A batch task of this package: the module's `exportName(init)` builds `(batch) => result` in a pool thread, and
 * `inline` is the same factory for the calling thread. Tasks name their module by `import.meta.url`; the pool maps
 * TypeScript sources (tests) to the built file.
 */
export interface BatchTaskSpec<I, O> extends WorkerTask<I, O> {
  inline(init: unknown): BatchFunction<I, O>;
  /** Building it is costly (a tokenizer): the calling thread does not build it only to help the pool's threads. */
  readonly costlyToBuild?: boolean;
}

export type BatchFunction<I, O> = (batch: I[]) => O | Promise<O>;

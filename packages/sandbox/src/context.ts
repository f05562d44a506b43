import type { ResolvedOptions } from './options.js';
import type { SandboxStats } from './stats.js';
import type { Store } from './store/store.js';

/** What every route handler sees. */
export interface SandboxContext {
  options: ResolvedOptions;
  store: Store;
  stats: SandboxStats;
  now(): number;
}

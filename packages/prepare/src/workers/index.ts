export * from './batch-pool.js';
export * from './ordered-batches.js';
export * from './task-spec.js';

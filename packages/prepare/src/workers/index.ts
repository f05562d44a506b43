export * from './ordered-batches.js';
export * from './step-pool.js';
export * from './task-spec.js';

export * from './contracts/index.js';
export * from './errors.js';
export * from './registry/builtins.js';
export * from './registry/registry.js';
export * from './registry/suggest.js';

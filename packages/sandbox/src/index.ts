export type { SandboxOptions } from './options.js';
export { DEFAULT_TIME_SCALE } from './options.js';
export { type Sandbox, startSandbox } from './server.js';
export type { SandboxStats } from './stats.js';

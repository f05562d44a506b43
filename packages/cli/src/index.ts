export { renderPipelineSchema, SCHEMA_PATH } from './commands/schema.js';
export type { CliIO } from './io.js';
export { buildProgram, main, VERSION } from './main.js';

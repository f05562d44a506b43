import type { RegisterCommand } from './command.js';

/** Every `tunekit` command, in the order `--help` lists them. */
export const commands: RegisterCommand[] = [];

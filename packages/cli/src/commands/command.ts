import type { Command } from 'commander';
import type { CliIO } from '../io.js';

/** Each command lives in its own file and adds itself to the program. */
export type RegisterCommand = (program: Command, io: CliIO) => void;

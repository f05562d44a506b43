import type { RegisterCommand } from './command.js';
import { registerDocs } from './docs.js';
import { registerInit } from './init.js';
import { registerInspect } from './inspect.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerSandbox } from './sandbox.js';
import { registerSchema } from './schema.js';
import { registerTrain } from './train.js';
import { registerValidate } from './validate.js';

/** Every `tunekit` command, in the order `--help` lists them. */
export const commands: RegisterCommand[] = [
  registerRun,
  registerTrain,
  registerValidate,
  registerInspect,
  registerReport,
  registerInit,
  registerSchema,
  registerSandbox,
  registerDocs,
];

import { type TrainControlOptions, type TrainJobStatus, trainCancel, trainStatus } from '@tunekit/core';
import { type CliIO, println } from '../io.js';
import { restartRunSandbox } from '../run-sandbox.js';
import { cliLogger } from './cli-logger.js';
import type { RegisterCommand } from './command.js';

function printStatus(io: CliIO, status: TrainJobStatus, json: boolean | undefined): void {
  if (json) {
    println(io.stdout, JSON.stringify(status));
    return;
  }
  const detail = status.detail ? ` — ${status.detail}` : '';
  println(io.stdout, `${status.jobId ?? '(no job yet)'} ${status.rawStatus}${detail}`.replace(/[\r\n]+/g, ' '));
}

/** Runs a train command on a run folder, against the sandbox again when the run was a sandbox run. */
async function onRunFolder<T>(
  io: CliIO,
  runDir: string,
  command: (runDir: string, options: TrainControlOptions) => Promise<T>,
): Promise<T> {
  const sandbox = await restartRunSandbox(runDir, io);
  try {
    return await command(runDir, { logger: cliLogger(io), env: io.env, sandbox });
  } finally {
    await sandbox?.close();
  }
}

/** `tunekit train status|cancel RUN_DIR`: the job of a run folder, read from its trainer-state.json. */
export const registerTrain: RegisterCommand = (program, io) => {
  const train = program.command('train').description('Show or stop the fine-tuning job of a run folder.');
  train
    .command('status')
    .description('Print the job status (step, loss, model id or failure).')
    .argument('<run-dir>', 'run folder holding trainer-state.json')
    .option('--json', 'print the status as JSON')
    .action(async (runDir: string, flags: { json?: boolean }) => {
      printStatus(io, await onRunFolder(io, runDir, trainStatus), flags.json);
    });
  train
    .command('cancel')
    .description('Cancel the job (billed up to this point); `tunekit run` will then report it cancelled.')
    .argument('<run-dir>', 'run folder holding trainer-state.json')
    .option('--json', 'print the status as JSON')
    .action(async (runDir: string, flags: { json?: boolean }) => {
      printStatus(io, await onRunFolder(io, runDir, trainCancel), flags.json);
    });
};

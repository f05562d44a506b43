import { mkdir, stat } from 'node:fs/promises';
import { TunekitError } from '@tunekit/core';
import type { JobPlan } from './job-plan.js';
import { findProgram } from './program-path.js';

const MKDIR_FAILURE: Record<string, string> = {
  EEXIST: 'it is a file',
  ENOTDIR: 'a folder on its path is a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
};

function optionInvalid(field: string, message: string, hint: string, cause?: unknown): TunekitError {
  return new TunekitError('OPTION_INVALID', `trainer-command: \`${field}\`: ${message}`, {
    cause,
    context: { field: `train.with.${field}`, hint },
  });
}

/**
 * Checks the program and the working folder of a job and creates its output folder, before anything is recorded: a
 * mistake there is one line naming the option, not a job that fails with `spawn … ENOENT`.
 */
export async function prepareJobPlaces(job: JobPlan, env: NodeJS.ProcessEnv): Promise<void> {
  const isFolder = await stat(job.cwd).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isFolder) throw optionInvalid('cwd', `${job.cwd} is not a folder`, 'it is relative to the pipeline file');
  const [program] = job.argv as [string];
  if (!findProgram(program, job.cwd, { ...env, ...job.env })) {
    const hint = program.includes('/') ? `looked in ${job.cwd}` : 'not found on PATH: install it or give its path';
    throw optionInvalid('command', `${program} is not an executable`, hint);
  }
  try {
    await mkdir(job.outputDir, { recursive: true });
  } catch (error) {
    const why = MKDIR_FAILURE[(error as NodeJS.ErrnoException).code ?? ''];
    if (!why) throw error;
    const hint = 'it is relative to the run folder, or absolute';
    throw optionInvalid('output_dir', `cannot create ${job.outputDir}: ${why}`, hint, error);
  }
}

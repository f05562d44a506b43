import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { processAlive } from '@tunekit/core';
import { jobFiles } from './job-folder.js';
import { orphanedGroupAlive } from './job-group.js';

const SUPERVISOR = fileURLToPath(new URL('./supervise.js', import.meta.url));

/**
 * Starts the program under a detached supervisor (its own process group, stdio closed) and returns the
 * supervisor's pid. The program gets `inherited` (the run's environment) plus `env`, and PYTHONUNBUFFERED=1 unless
 * set.
 */
export async function startJob(
  jobDir: string,
  argv: readonly string[],
  cwd: string,
  inherited: NodeJS.ProcessEnv,
  env: Record<string, string>,
): Promise<number> {
  await mkdir(jobDir, { recursive: true });
  await writeFile(jobFiles(jobDir).output, '', { flag: 'a' });
  const supervisor = spawn(process.execPath, [SUPERVISOR, jobDir, cwd, JSON.stringify(argv)], {
    detached: true,
    stdio: 'ignore',
    // Python buffers stdout written to a file: unbuffered, the losses reach output.log as they are printed.
    env: { PYTHONUNBUFFERED: '1', ...inherited, ...env },
  });
  const pid = await new Promise<number>((resolve, reject) => {
    supervisor.once('spawn', () => resolve(supervisor.pid as number));
    supervisor.once('error', reject);
  });
  supervisor.unref();
  return pid;
}

/**
 * Whether the supervisor of `jobDir` still runs. A pid is reused once its process is gone: where /proc exists, the
 * process must also be the supervisor of this job folder.
 */
export function supervisorAlive(pid: number, jobDir: string): boolean {
  if (!processAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(jobDir);
  } catch {
    return process.platform !== 'linux';
  }
}

/** Whether anything of the job still runs: its supervisor, or the program of a supervisor that was killed. */
export function jobRuns(pid: number, jobDir: string): boolean {
  return supervisorAlive(pid, jobDir) || orphanedGroupAlive(pid);
}

/**
 * Signals a job: its supervisor, which passes the signal on to its process group once; the group itself when the
 * supervisor is gone (killed, its program still running) or for SIGKILL, which the supervisor cannot pass on.
 */
export function signalJob(pid: number, jobDir: string, signal: NodeJS.Signals): void {
  const target = signal !== 'SIGKILL' && supervisorAlive(pid, jobDir) ? pid : -pid;
  try {
    process.kill(target, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

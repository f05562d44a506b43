import { existsSync } from 'node:fs';
import type { TrainerStatus } from '@tunekit/core';
import { jobFiles, readExitRecord, readSupervisorPid } from './job-folder.js';
import { orphanedGroupAlive } from './job-group.js';
import { supervisorAlive } from './job-process.js';

export interface JobStatus {
  status: TrainerStatus;
  rawStatus: string;
  /** Set once the job has ended: why, in a few words (`exit code 1`, `killed by SIGKILL`). */
  ending?: { code: string; message: string };
}

/** How the job of `jobDir` stands, from its exit record, its cancel marker and whether its supervisor runs. */
export async function jobStatus(jobDir: string, pid: number | undefined): Promise<JobStatus> {
  const supervisor = pid ?? (await readSupervisorPid(jobDir));
  // Asked before the exit record is read: the supervisor writes the record before it ends.
  const running = supervisor !== undefined && supervisorAlive(supervisor, jobDir);
  const exit = await readExitRecord(jobDir);
  const cancelled = existsSync(jobFiles(jobDir).cancel);
  if (exit) {
    if (exit.error) return ended('failed', 'not_started', `the program could not be started: ${exit.error}`);
    if (cancelled) return ended('cancelled', 'cancelled', 'cancelled');
    if (exit.code === 0) return ended('succeeded', 'exit_0', 'exit code 0');
    if (exit.signal) return ended('failed', `signal_${exit.signal}`, `killed by ${exit.signal}`);
    return ended('failed', `exit_${exit.code}`, `exit code ${exit.code}`);
  }
  if (supervisor === undefined) return { status: 'preparing', rawStatus: 'not started' };
  if (running) return { status: 'running', rawStatus: `running (pid ${supervisor})` };
  if (orphanedGroupAlive(supervisor)) {
    return { status: 'running', rawStatus: `running without its supervisor (process group ${supervisor})` };
  }
  if (cancelled) return ended('cancelled', 'cancelled', 'cancelled');
  return ended(
    'failed',
    'lost',
    'the program ended without an exit status (its supervisor was killed or the machine restarted)',
  );
}

function ended(status: TrainerStatus, code: string, message: string): JobStatus {
  return { status, rawStatus: message, ending: { code, message } };
}

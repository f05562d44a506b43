import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the supervisor records when the program ends (or could not start). */
export interface ExitRecord {
  code: number | null;
  signal: string | null;
  /** Why the program could not be started (e.g. `spawn axolotl ENOENT`). */
  error?: string;
  /** When the supervisor started the program, and when the program ended (ISO). */
  startedAt?: string;
  endedAt: string;
}

/** The files of one job, in `<run folder>/training/<job id>/`. */
export function jobFiles(jobDir: string) {
  return {
    /** The program's stdout and stderr, appended as they come. */
    output: join(jobDir, 'output.log'),
    /** Written once, atomically, by the supervisor when the program ends. */
    exit: join(jobDir, 'exit.json'),
    /** The supervisor's pid, written as it starts (a run killed before saving the pid finds it here). */
    pid: join(jobDir, 'supervisor.pid'),
    /** Written before a cancel signals the program: its end is then a cancellation, not a failure. */
    cancel: join(jobDir, 'cancel-requested'),
  };
}

/**
 * Clears what an earlier start of the same job left (after a failure, `trainer-state.json` removed to start again):
 * its exit record would end the new start at once, its output would mix old losses into the new curve. The old
 * output stays readable as `output.previous.log`.
 */
export async function clearEarlierStart(jobDir: string): Promise<void> {
  const files = jobFiles(jobDir);
  await Promise.all([files.exit, files.cancel, files.pid].map((file) => rm(file, { force: true })));
  await rename(files.output, files.output.replace(/\.log$/, '.previous.log')).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

export async function writeExitRecord(jobDir: string, record: ExitRecord): Promise<void> {
  const file = jobFiles(jobDir).exit;
  await writeFile(`${file}.tmp`, `${JSON.stringify(record)}\n`);
  await rename(`${file}.tmp`, file);
}

/** When the job's supervisor started (it writes its pid first), in ms; undefined before it has. */
export async function jobStartedAt(jobDir: string): Promise<number | undefined> {
  try {
    return (await stat(jobFiles(jobDir).pid)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function readSupervisorPid(jobDir: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(jobFiles(jobDir).pid, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The supervisor's exit record, if it wrote one. A record cut short (the machine went down before the rename reached
 * the disk) is none: the job then ended without an exit status.
 */
export async function readExitRecord(jobDir: string): Promise<ExitRecord | undefined> {
  let text: string;
  try {
    text = await readFile(jobFiles(jobDir).exit, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as ExitRecord;
  } catch {
    return undefined;
  }
}

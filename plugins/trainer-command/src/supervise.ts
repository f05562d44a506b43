// The detached parent of a training program: it outlives the tunekit process that started it (Ctrl-C, a closed
// terminal, SIGKILL), writes the program's output to `output.log` and, when the program ends, its exit status to
// `exit.json`, so a later run or `tunekit train status` learns how it ended.
// Usage: node supervise.js JOB_DIR CWD ARGV_JSON
import { spawn } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
import { jobFiles, writeExitRecord } from './job-folder.js';

const [jobDir, cwd, argvJson] = process.argv.slice(2) as [string, string, string];
const [program, ...args] = JSON.parse(argvJson) as string[];
const startedAt = new Date().toISOString();
writeFileSync(jobFiles(jobDir).pid, `${process.pid}\n`);
const output = openSync(jobFiles(jobDir).output, 'a');
const child = spawn(program as string, args, { cwd, stdio: ['ignore', output, output] });
let ended = false;
const end = (record: { code: number | null; signal: string | null; error?: string }) => {
  if (ended) return;
  ended = true;
  void writeExitRecord(jobDir, { ...record, startedAt, endedAt: new Date().toISOString() }).finally(() =>
    process.exit(0),
  );
};
child.on('error', (error) => end({ code: null, signal: null, error: error.message }));
child.on('exit', (code, signal) => end({ code, signal }));
// A cancel signals the supervisor, which passes the signal once to its whole process group: the program and what
// it started get it once each (the supervisor's own copy is ignored), and the supervisor records how it ended.
let forwarded = false;
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (forwarded || child.exitCode !== null || child.signalCode !== null) return;
    forwarded = true;
    process.kill(-process.pid, signal);
  });
}

import type { Writable } from 'node:stream';

/** What commands print to and read from; tests pass their own. */
export interface CliIO {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Progress bars only on a TTY; plain lines otherwise. */
  isTTY: boolean;
  /** False when NO_COLOR is set or the output is not a TTY. */
  color: boolean;
  /** Set by a command that finished but failed (a gate, a failed job): 1. */
  exitCode: number;
}

export function processIO(): CliIO {
  const isTTY = Boolean(process.stderr.isTTY);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    isTTY,
    color: isTTY && !('NO_COLOR' in process.env),
    exitCode: 0,
  };
}

export function println(stream: Writable, line = ''): void {
  stream.write(`${line}\n`);
}

import { Writable } from 'node:stream';
import { main } from '@tunekit/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs `tunekit ...args` in-process with captured output and a non-TTY io. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(['node', 'tunekit', ...args], {
    stdout,
    stderr,
    env,
    isTTY: false,
    color: false,
    exitCode: 0,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

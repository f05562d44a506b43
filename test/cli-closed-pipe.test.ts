import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/temp-dir.js';

describe('a reader that closes the pipe early (`tunekit schema | head`)', () => {
  it('ends the command quietly: no EPIPE, no stack trace', async () => {
    // `head -c 10` exits after ten bytes while the schema (~80 kB) is still being written into the pipe.
    const bin = join(REPO_ROOT, 'packages/cli/dist/bin.js');
    const child = spawn('sh', ['-c', `"${process.execPath}" "${bin}" schema | head -c 10 >/dev/null`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await once(child, 'exit');
    expect(stderr).toBe('');
  });
});

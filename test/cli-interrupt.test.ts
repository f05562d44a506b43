import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, REPO_ROOT, removeDir } from './helpers/temp-dir.js';

let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('interrupt-');
  const out = createWriteStream(join(dir, 'big.jsonl'));
  for (let i = 0; i < 400_000; i++) {
    const line = `${JSON.stringify({
      messages: [
        { role: 'user', content: `question ${i}` },
        { role: 'assistant', content: `answer ${i}` },
      ],
    })}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await writeFile(
    join(dir, 'big.yaml'),
    'name: big\ndataset:\n  from: { use: read-jsonl, with: { path: big.jsonl } }\n  steps:\n    - use: validate\n    - use: dedupe\n',
  );
});
afterAll(() => removeDir(dir));

describe('Ctrl-C', () => {
  it('stops the run cleanly: no output under a final name, the manifest says aborted', async () => {
    const out = join(dir, 'run');
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'packages/cli/dist/bin.js'), 'run', join(dir, 'big.yaml'), '--out', out],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Interrupt once the dataset phase is under way.
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('dataset')) setTimeout(() => child.kill('SIGINT'), 300);
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('stopping');
    expect(stderr).toMatch(/run aborted/);
    expect(stderr).not.toMatch(/\n\s+at /);
    const files = await readdir(out);
    expect(files).toEqual(['manifest.json']);
    expect(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')).status).toBe('aborted');
  });
});

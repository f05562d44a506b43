// Upload of a training file to the sandbox (in another process, files kept on disk): the trainer's streamed upload
// against a baseline in the same script that buffers the whole file first (toFile(readFile)). Prints throughput and
// peak RSS growth; a second streamed call shows the reuse by content hash. Never asserts.
// Note: Node 20's fetch (undici) holds on to a streamed request body's chunks until the request ends, so the streamed
// figure still grows with the file (about 1× its size, against about 3.8× for the buffered baseline).
import { fork } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { uploadOnce } from '@tunekit/trainer-openai';
import OpenAI, { toFile } from 'openai';

const MEGABYTES = Number(process.env.BENCH_UPLOAD_MB ?? 200);
const tmp = fileURLToPath(new URL('./.tmp/trainer-upload/', import.meta.url));

async function writeTrainingFile(path) {
  const out = createWriteStream(path);
  const line = (i) =>
    `${JSON.stringify({
      messages: [
        { role: 'system', content: 'Answer Yes or No.' },
        {
          role: 'user',
          content: `Does clause ${i} discuss data breaches? ${'The Company shall notify affected individuals without undue delay. '.repeat(8)}`,
        },
        { role: 'assistant', content: i % 2 ? 'Yes' : 'No' },
      ],
    })}\n`;
  let bytes = 0;
  for (let i = 0; bytes < MEGABYTES * 1024 * 1024; i++) {
    const text = line(i);
    bytes += text.length;
    if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve) => out.end(resolve));
}

const peakMb = () => process.resourceUsage().maxRSS / 1024;

async function main() {
  await rm(tmp, { recursive: true, force: true });
  await mkdir(`${tmp}data`, { recursive: true });
  const path = `${tmp}train.jsonl`;
  await writeTrainingFile(path);
  const size = (await stat(path)).size / 1024 / 1024;
  const server = fork(fileURLToPath(import.meta.url), ['serve', `${tmp}data`], { stdio: 'inherit' });
  const { baseURL } = await new Promise((resolve) => server.once('message', resolve));
  const client = new OpenAI({ baseURL, apiKey: 'bench', maxRetries: 0, timeout: 600_000 });
  const rt = {
    signal: new AbortController().signal,
    logger: { debug() {}, info() {}, warn: console.warn, error: console.error },
  };
  try {
    globalThis.gc?.();
    const before = peakMb();
    let start = performance.now();
    await uploadOnce(client, path, {}, rt);
    const streamedS = (performance.now() - start) / 1000;
    const streamedPeak = peakMb() - before;

    start = performance.now();
    await uploadOnce(client, path, {}, rt);
    const reuseMs = performance.now() - start;

    globalThis.gc?.();
    const beforeBuffered = peakMb();
    start = performance.now();
    await client.files.create({ file: await toFile(await readFile(path), 'buffered.jsonl'), purpose: 'fine-tune' });
    const bufferedS = (performance.now() - start) / 1000;
    const bufferedPeak = Math.max(0, peakMb() - beforeBuffered);

    console.log(`training file: ${size.toFixed(0)} MB`);
    console.log(
      `streamed upload (trainer): ${(size / streamedS).toFixed(0)} MB/s, peak RSS growth ${streamedPeak.toFixed(0)} MB`,
    );
    console.log(
      `buffered baseline:         ${(size / bufferedS).toFixed(0)} MB/s, further peak RSS growth ${bufferedPeak.toFixed(0)} MB`,
    );
    console.log(
      `second call, same content: ${reuseMs.toFixed(0)} ms (reused by hash, nothing sent; includes hashing the file)`,
    );
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.send('close');
    await exited;
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'serve') {
  const { startSandbox } = await import('@tunekit/sandbox');
  const sandbox = await startSandbox({ port: 0, dataDir: process.argv[3] });
  process.send({ baseURL: sandbox.baseURL });
  process.on('message', async () => {
    await sandbox.close();
    process.exit(0);
  });
} else {
  await main();
}

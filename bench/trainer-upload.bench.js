// Upload of a training file to the sandbox (in another process, files kept on disk), each way in a process of its
// own so that its peak RSS is its own: the trainer's upload (over one part: the Uploads API, a 64 MB part at a time),
// the single streamed `/v1/files` request it used before, and a baseline that buffers the whole file first
// (toFile(readFile)). Prints throughput and peak RSS growth; a second trainer call shows the reuse by content hash.
// Never asserts. Node 20's fetch (undici) holds a streamed request body's chunks until the request ends, so a single
// request grows with the file; parts bound that growth to about a part.
import { fork } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { uploadOnce } from '@tunekit/trainer-openai';
import OpenAI, { toFile, toStreamingFile } from 'openai';

const MEGABYTES = Number(process.env.BENCH_UPLOAD_MB ?? 200);
const tmp = fileURLToPath(new URL('./.tmp/trainer-upload/', import.meta.url));
const self = fileURLToPath(import.meta.url);

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

/** Child: one way of uploading, timed; prints {seconds, peakGrowthMb, reuseMs?} as JSON. */
async function measure(way, baseURL, path) {
  const client = new OpenAI({ baseURL, apiKey: 'bench', maxRetries: 0, timeout: 600_000 });
  const rt = {
    signal: new AbortController().signal,
    logger: { debug() {}, info() {}, warn: console.warn, error: console.error },
  };
  const upload = {
    trainer: () => uploadOnce(client, path, {}, rt),
    single: () =>
      client.files.create({
        file: toStreamingFile(createReadStream(path), `single-${Date.now()}.jsonl`, { type: 'application/jsonl' }),
        purpose: 'fine-tune',
      }),
    buffered: async () =>
      client.files.create({ file: await toFile(await readFile(path), 'buffered.jsonl'), purpose: 'fine-tune' }),
  }[way];
  globalThis.gc?.();
  const before = peakMb();
  const start = performance.now();
  await upload();
  const result = { seconds: (performance.now() - start) / 1000, peakGrowthMb: peakMb() - before };
  if (way === 'trainer') {
    const again = performance.now();
    await uploadOnce(client, path, {}, rt);
    result.reuseMs = performance.now() - again;
  }
  process.send(result);
}

function child(args) {
  return new Promise((resolve, reject) => {
    const proc = fork(self, args, { stdio: 'inherit', execArgv: ['--expose-gc'] });
    proc.once('message', resolve);
    proc.once('exit', (code) => code !== 0 && reject(new Error(`${args[0]} ${args[1] ?? ''} exited with ${code}`)));
  });
}

async function main() {
  await rm(tmp, { recursive: true, force: true });
  await mkdir(`${tmp}data`, { recursive: true });
  const path = `${tmp}train.jsonl`;
  await writeTrainingFile(path);
  const size = (await stat(path)).size / 1024 / 1024;
  const server = fork(self, ['serve', `${tmp}data`], { stdio: 'inherit' });
  const { baseURL } = await new Promise((resolve) => server.once('message', resolve));
  try {
    const trainer = await child(['measure', 'trainer', baseURL, path]);
    const single = await child(['measure', 'single', baseURL, path]);
    const buffered = await child(['measure', 'buffered', baseURL, path]);
    const line = (label, run) =>
      `${label}${(size / run.seconds).toFixed(0)} MB/s, peak RSS growth ${run.peakGrowthMb.toFixed(0)} MB (${(run.peakGrowthMb / size).toFixed(2)}× the file)`;
    console.log(`training file: ${size.toFixed(0)} MB`);
    console.log(line('trainer (Uploads API, 64 MB parts): ', trainer));
    console.log(line('one streamed /v1/files request:     ', single));
    console.log(line('buffered baseline:                  ', buffered));
    console.log(
      `second trainer call, same content: ${trainer.reuseMs.toFixed(0)} ms (reused by hash, nothing sent; includes hashing the file)`,
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
} else if (process.argv[2] === 'measure') {
  await measure(process.argv[3], process.argv[4], process.argv[5]);
  process.exit(0);
} else {
  await main();
}

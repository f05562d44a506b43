// Chat completions per second against the sandbox at zero latency, concurrency 64, from another process (keep-alive).
// Baseline in the same script: a bare node:http server answering a fixed JSON body. Prints figures; never asserts.
// Server CPU per request (from /proc) is printed too: unlike requests/s it holds when other processes load the cores.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const CONCURRENCY = 64;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 8000);
const WARMUP_MS = 1500;

if (process.argv[2] === 'serve-sandbox' || process.argv[2] === 'serve-baseline') {
  await serve(process.argv[2]);
} else {
  await main();
}

async function serve(kind) {
  let url;
  if (kind === 'serve-sandbox') {
    const { startSandbox } = await import('@tunekit/sandbox');
    url = (await startSandbox({ port: 0 })).url;
  } else {
    const body = JSON.stringify({
      id: 'x',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' } }],
    });
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}`;
  }
  process.send({ url });
  process.on('message', (message) => {
    if (message === 'rss') process.send({ peakRssMb: peakRssMb(process.pid) });
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send({ cpuMs: (user + system) / 1000 });
    }
  });
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function startChild(kind) {
  const child = fork(fileURLToPath(import.meta.url), [kind], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url } = await new Promise((resolve) => child.once('message', resolve));
  return { child, url };
}

function requestBodies() {
  const items = JSON.parse(readFileSync(new URL('../data/disc-lawllm/qa_short_answer.json', import.meta.url), 'utf8'));
  return items.slice(0, 200).map((item) =>
    JSON.stringify({
      model: 'gpt-4o-mini-2024-07-18',
      messages: [
        { role: 'system', content: 'You are a legal assistant.' },
        { role: 'user', content: item.input },
      ],
    }),
  );
}

async function drive(url, bodies, durationMs) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = new URL('/v1/chat/completions', url);
  const latencies = [];
  let errors = 0;
  let n = 0;
  const end = performance.now() + durationMs;
  const one = (body) =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: 'Bearer sandbox',
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) errors += 1;
            latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });
  const worker = async () => {
    while (performance.now() < end) await one(bodies[n++ % bodies.length]);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, perSecond: latencies.length / seconds, p50: pick(0.5), p99: pick(0.99), errors };
}

function ask(child, message) {
  child.send(message);
  return new Promise((resolve) => child.once('message', resolve));
}

async function measure(kind, bodies) {
  const { child, url } = await startChild(kind);
  await drive(url, bodies, WARMUP_MS);
  const connections = () =>
    kind === 'serve-sandbox' ? fetch(`${url}/sandbox/stats`).then(async (r) => (await r.json()).connections) : 0;
  const connectionsBefore = await connections();
  const cpuBefore = (await ask(child, 'cpu')).cpuMs;
  const result = await drive(url, bodies, DURATION_MS);
  const cpuMs = (await ask(child, 'cpu')).cpuMs - cpuBefore;
  const { peakRssMb } = await ask(child, 'rss');
  // The second stats request reuses the first one's connection, which is counted already.
  const opened = (await connections()) - connectionsBefore;
  child.kill();
  return { ...result, peakRssMb, cpuPerRequestMs: cpuMs / result.requests, connections: opened };
}

async function main() {
  const bodies = requestBodies();
  const baseline = await measure('serve-baseline', bodies);
  const sandbox = await measure('serve-sandbox', bodies);
  const loadBefore = loadavg()[0];
  const line = (name, r) =>
    `${name.padEnd(22)} ${r.perSecond.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}  server CPU ${r.cpuPerRequestMs.toFixed(3)} ms/request (≈ ${(1000 / r.cpuPerRequestMs).toFixed(0)} req/s per core)  server peak RSS ${r.peakRssMb.toFixed(0)} MB  (${r.requests} requests)`;
  console.log(
    `sandbox chat completions, concurrency ${CONCURRENCY}, zero latency, ${DURATION_MS / 1000} s per run, keep-alive client in another process   (load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`,
  );
  console.log(line('bare node:http', baseline));
  console.log(line('sandbox', sandbox));
  console.log(
    `sandbox connections opened by the measured run: ${sandbox.connections} for ${sandbox.requests} requests (keep-alive: one per concurrent request)`,
  );
  console.log(
    `sandbox / bare node:http: throughput ${(sandbox.perSecond / baseline.perSecond).toFixed(2)}, CPU per request ${(sandbox.cpuPerRequestMs / baseline.cpuPerRequestMs).toFixed(2)}×  (target: >= 3000 req/s)`,
  );
}

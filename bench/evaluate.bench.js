// The evaluation engine against the sandbox (in a child process, so it measures the client):
// 1. 1,000 items × 2 candidates at 100 ms latency, concurrency 16 → wall time against the ideal
//    (items × candidates × latency / concurrency; target ≤ 1.15×);
// 2. the same run again, fully cached (target < 3 s);
// 3. 50,000 items in a fresh process → peak RSS (target < 500 MB; rows stream to disk). This run answers from an
//    in-process fake provider: it measures the engine's memory, not HTTP.
// Also printed: the client's CPU per request, the sandbox's connections and most requests in flight (keep-alive and
// concurrency as the server saw them), and the machine's load, since other processes skew wall times on 2 cores.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '@tunekit/core';
import { runEvaluation } from '@tunekit/evaluate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, 'bench', '.tmp', 'evaluate');
const LATENCY_MS = 100;
const CONCURRENCY = 16;
const ITEMS = 1000;
const BIG_ITEMS = 50_000;
process.env.TUNEKIT_BENCH_KEY = 'sk-bench';

/** Starts the sandbox in a child process; resolves with its base URL. */
function startSandbox(latencyMs) {
  const script = `import { startSandbox } from '@tunekit/sandbox';
    const s = await startSandbox({ latencyMs: ${latencyMs} }); console.log(s.baseURL);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) =>
    child.stdout.once('data', (d) => resolve({ baseURL: String(d).trim(), stop: () => child.kill() })),
  );
}

async function writeItems(path, count) {
  const qa = JSON.parse(
    await readFile(`${resolve(import.meta.dirname, '../data')}/disc-lawllm/qa_short_answer.json`, 'utf8'),
  );
  const lines = [];
  for (let i = 0; i < count; i++) {
    const q = qa[i % qa.length];
    lines.push(
      JSON.stringify({
        messages: [
          { role: 'user', content: `#${i} ${q.input.slice(0, 300)}` },
          { role: 'assistant', content: q.output.slice(0, 200) },
        ],
      }),
    );
  }
  await writeFile(path, `${lines.join('\n')}\n`);
}

function section(candidates, concurrency) {
  return {
    candidates: candidates.map((model, i) => ({ name: `c${i}`, model, params: { max_tokens: 64 } })),
    scorers: ['exact', 'token-f1'],
    concurrency,
    report: ['json'],
  };
}

function runtime(dir, baseURL) {
  return {
    runDir: dir,
    baseDir: dir,
    logger: silentLogger,
    signal: new AbortController().signal,
    providers: { sandbox: { base_url: baseURL, api_key_env: 'TUNEKIT_BENCH_KEY' } },
  };
}

async function timed(fn) {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

const big = process.argv[2] === '--big';
if (big) {
  // Child mode: one large run in a fresh process, reporting its own peak RSS.
  const [, , , dir, baseURL] = process.argv;
  const provider = {
    specVersion: 'v1',
    endpoint: baseURL,
    async chat(request) {
      const text = String(request.messages.at(-1)?.content ?? '').slice(0, 120);
      return { text, latencyMs: 1, usage: { promptTokens: 200, completionTokens: 60 } };
    },
  };
  const seconds = await timed(() =>
    runEvaluation(section(['gpt-4o-mini-2024-07-18'], 64), runtime(dir, baseURL), { createProvider: () => provider }),
  );
  console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  await rm(tmp, { recursive: true, force: true });
  await mkdir(join(tmp, 'small'), { recursive: true });
  await mkdir(join(tmp, 'big'), { recursive: true });
  await writeItems(join(tmp, 'small', 'validation.jsonl'), ITEMS);
  await writeItems(join(tmp, 'big', 'validation.jsonl'), BIG_ITEMS);

  const slow = await startSandbox(LATENCY_MS);
  const models = ['gpt-4o-mini-2024-07-18', 'gpt-4o-2024-08-06'];
  const dir = join(tmp, 'small');
  const loadBefore = loadavg()[0];
  const cpuBefore = process.cpuUsage();
  const live = await timed(() => runEvaluation(section(models, CONCURRENCY), runtime(dir, slow.baseURL)));
  const cpu = process.cpuUsage(cpuBefore);
  const server = await fetch(slow.baseURL.replace(/\/v1$/, '/sandbox/stats')).then((r) => r.json());
  const ideal = (ITEMS * models.length * LATENCY_MS) / CONCURRENCY / 1000;
  const cached = await timed(() => runEvaluation(section(models, CONCURRENCY), runtime(dir, slow.baseURL)));
  slow.stop();
  const requests = ITEMS * models.length;
  console.log(
    `evaluate ${ITEMS} items × ${models.length} candidates, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}   (load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`,
  );
  console.log(
    `  live run    ${live.toFixed(2)} s   ideal ${ideal.toFixed(2)} s   ratio ${(live / ideal).toFixed(3)}× (target ≤ 1.15×)   ${(requests / live).toFixed(0)} req/s`,
  );
  console.log(
    `              client CPU ${((cpu.user + cpu.system) / 1000 / requests).toFixed(2)} ms/request   sandbox: ${server.chatCompletions} chat completions on ${server.connections} connections, at most ${server.maxInFlight} in flight`,
  );
  console.log(`  cached rerun ${cached.toFixed(2)} s (target < 3 s)   ${(live / cached).toFixed(1)}× faster than live`);

  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--big', join(tmp, 'big'), 'fake://bench'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await new Promise((resolve) => child.on('exit', resolve));
  try {
    const { seconds, maxRssMb } = JSON.parse(out);
    console.log(`evaluate ${BIG_ITEMS} items × 1 candidate, in-process fake provider, concurrency 64 (fresh process)`);
    console.log(
      `  ${seconds.toFixed(1)} s   ${(BIG_ITEMS / seconds).toFixed(0)} items/s   peak RSS ${maxRssMb.toFixed(0)} MB (target < 500 MB)`,
    );
  } catch {
    console.log(`  50,000-item run printed no figures: ${out.slice(0, 200)}`);
  }
}

// The whole preparation chain (read-csv → to-chat → validate → exact and near dedupe → token-budget → split →
// write) on a generated CSV with realistic duplicates, through the real runner; next to plain tiktoken counting
// over the same text. Each measured run is a child process, so its peak RSS is its own. Prints figures; asserts nothing.
// Sizes: `node bench/prepare-chain.bench.js [MB] [ROUNDS]` (default 32 MB, about two minutes; pass 100 for the
// issue's size, about five minutes) and a quarter of it for the RSS growth ratio. 1 worker, 2 workers and two 1-worker
// runs side by side rotate over ROUNDS rounds (default 3). The tokenizer baselines run over the text of the first
// BASELINE_MB of the CSV (throughput does not depend on size). The words come from real English legal text
// (LegalBench), drawn with their natural frequencies, so tokenizer caches see a realistic vocabulary. Figures on a
// machine shared with other work vary by ±30%: the load average is printed with them.
import { execFile, execFileSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from './lib/seeded-random.js';

const TMP = fileURLToPath(new URL('./.tmp/prepare-chain/', import.meta.url));
const BIG_MB = Number(/^\d+$/.test(process.argv[2] ?? '') ? process.argv[2] : 32);
const BASELINE_MB = 16;
/**
 * Alternating rounds of the 1- and 2-worker runs (second argument; default 3). On a shared VM one round's pair can
 * land in different speed phases: 5 or 7 rounds give a steadier median.
 */
const ROUNDS = Number(/^\d+$/.test(process.argv[3] ?? '') ? process.argv[3] : 3);

/** The element whose `key` is the median. */
function median(items, key) {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)];
}
const LEGALBENCH = `${resolve(import.meta.dirname, '../data')}/legalbench`;

/** Every word of the LegalBench samples, in order: drawing from it uniformly gives each word its real frequency. */
function realWords() {
  const words = [];
  for (const task of readdirSync(LEGALBENCH)) {
    for (const file of ['train.tsv', 'README.md']) {
      const path = join(LEGALBENCH, task, file);
      if (!existsSync(path)) continue;
      for (const word of readFileSync(path, 'utf8').split(/\s+/)) {
        const clean = word.replace(/["|#*`]/g, '');
        if (clean) words.push(clean);
      }
    }
  }
  return words;
}

/** Deterministic legal Q&A rows; ~8% exact repeats, ~7% near repeats (a word changed), grouped by case. */
async function generateCsv(path, megabytes) {
  if (existsSync(path) && statSync(path).size >= megabytes * 1e6) return;
  const words = realWords();
  const next = seededRandom();
  const sentence = (n) => Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(' ');
  const out = createWriteStream(path);
  out.write('case,question,answer\n');
  const recent = [];
  let bytes = 0;
  for (let row = 0; bytes < megabytes * 1e6; row++) {
    let question;
    let answer;
    const roll = next();
    if (roll < 0.08 && recent.length > 0) [question, answer] = recent[Math.floor(next() * recent.length)];
    else if (roll < 0.15 && recent.length > 0) {
      const [q, a] = recent[Math.floor(next() * recent.length)];
      question = q.replace(/\b\w+\.?$/, 'please.');
      answer = a;
    } else {
      question = `${sentence(15 + Math.floor(next() * 30))}?`;
      answer = `${sentence(30 + Math.floor(next() * 90))}.`;
      recent.push([question, answer]);
      if (recent.length > 500) recent.shift();
    }
    const line = `case-${Math.floor(row / 4)},"${question}","${answer}"\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve) => out.end(resolve));
}

function pipelineFile(csv, name) {
  const file = join(TMP, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}
model: gpt-4o-mini-2024-07-18
dataset:
  from: { use: read-csv, with: { path: ${csv} } }
  steps:
    - use: to-chat
      with: { system: "You are a consumer-law assistant.", user: "{{question}}", assistant: "{{answer}}", group: "{{case}}" }
    - use: validate
    - use: dedupe
      with: { near: { threshold: 0.8 } }
    - use: token-budget
    - use: split
      with: { validation: 0.1, seed: 7 }
`,
  );
  return file;
}

/**
 * CPU seconds per thread of this process (Linux: /proc/self/task/<tid>/stat, sampled, since a worker thread's entry
 * vanishes when it ends): the main thread, the busiest other thread (the pool's worker thread) and all the rest
 * (V8's GC and compiler threads, libuv). Undefined figures elsewhere.
 */
function threadCpuSampler() {
  const seen = new Map();
  const sample = () => {
    try {
      for (const tid of readdirSync('/proc/self/task')) {
        const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
        seen.set(tid, (Number(fields[11]) + Number(fields[12])) / 100); // utime + stime in 1/100 s
      }
    } catch {}
  };
  const timer = setInterval(sample, 100);
  return () => {
    clearInterval(timer);
    sample();
    const main = seen.get(String(process.pid));
    const others = [...seen].filter(([tid]) => tid !== String(process.pid)).map(([, cpu]) => cpu);
    const busiest = others.length > 0 ? Math.max(...others) : undefined;
    const rest = others.reduce((sum, cpu) => sum + cpu, 0) - (busiest ?? 0);
    return { main, busiest, rest };
  };
}

/** Child: one chain run, printed as JSON. */
async function runChain(csv, workers) {
  const { loadPipeline, runPipeline } = await import('@tunekit/core');
  // Named by process: two runs side by side must not write (or read half-written) the same files.
  const name = `chain-${workers}w-${process.pid}`;
  const file = pipelineFile(csv, name);
  const outDir = join(TMP, `run-${name}`);
  const threads = threadCpuSampler();
  const start = process.hrtime.bigint();
  const { manifest } = await runPipeline(await loadPipeline(file), { outDir, workers });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rmSync(outDir, { recursive: true, force: true });
  rmSync(file, { force: true });
  const cpu = process.cpuUsage();
  const steps = Object.fromEntries(manifest.steps.map((s) => [s.step, s]));
  const near = steps.dedupe?.reports?.near_index;
  return {
    seconds,
    rows: steps['read-csv'].out,
    kept: steps.split.out,
    nearIndex: near,
    rssMB: process.resourceUsage().maxRSS / 1024,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    threadCpuSeconds: threads(),
  };
}

/** The question and answer texts of the first `megabytes` of the CSV (what the chain tokenizes, besides the prompt). */
function csvTexts(csv, megabytes) {
  const lines = readFileSync(csv, 'utf8')
    .slice(0, megabytes * 1e6)
    .split('\n')
    .slice(1, -1);
  const texts = [];
  for (const line of lines) {
    const fields = line.split('"');
    texts.push(fields[1] ?? '', fields[3] ?? '');
  }
  return { texts, bytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0), rows: lines.length };
}

/** Child: plain tokenizer counting over the texts, timed alone (the text is split out beforehand). */
async function runBaseline(csv, tokenizer) {
  const { texts, bytes, rows } = csvTexts(csv, BASELINE_MB);
  let count;
  let done = () => {};
  if (tokenizer === 'tiktoken') {
    const { get_encoding } = await import('tiktoken');
    const encoding = get_encoding('o200k_base');
    count = (text) => encoding.encode(text).length;
    done = () => encoding.free();
  } else if (tokenizer === 'gpt-tokenizer') {
    const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
    count = countTokens;
  } else {
    const { loadTokenCounter } = await import('@tunekit/format');
    count = (await loadTokenCounter('o200k_base')).count;
  }
  const start = process.hrtime.bigint();
  let tokens = 0;
  for (const text of texts) tokens += count(text);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  done();
  return { seconds, tokens, rows, mbPerSecond: bytes / 1e6 / seconds };
}

/** The near index alone at 1,000,000 kept records: typed-array bytes per record. */
async function runIndexSize() {
  const { NearIndex } = await import('../packages/prepare/dist/quality/minhash/near-index.js');
  const index = new NearIndex(16, 128);
  const keys = new Uint32Array(16);
  const signature = new Uint8Array(64);
  let state = 1;
  for (let i = 0; i < 1_000_000; i++) {
    for (let b = 0; b < 16; b++) keys[b] = state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    signature[i % 64] = state & 0xff;
    index.add(keys, 0, signature, 0);
  }
  return { records: index.count, bytes: index.bytes, bytesPerRecord: index.bytes / index.count };
}

function child(args) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8',
    maxBuffer: 1e7,
  });
  return JSON.parse(out.trim().split('\n').at(-1));
}

/** The same as `child`, without blocking: for runs side by side. */
function childAsync(args) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [fileURLToPath(import.meta.url), ...args], { maxBuffer: 1e7 }, (error, out) => {
      if (error) reject(error);
      else resolve(JSON.parse(out.trim().split('\n').at(-1)));
    });
  });
}

const round = (value, digits = 2) => value.toFixed(digits);

async function main() {
  const [mode, csv, arg] = process.argv.slice(2);
  if (mode === 'chain') return console.log(JSON.stringify(await runChain(csv, Number(arg))));
  if (mode === 'baseline') return console.log(JSON.stringify(await runBaseline(csv, arg)));
  if (mode === 'index') return console.log(JSON.stringify(await runIndexSize()));

  mkdirSync(TMP, { recursive: true });
  const big = join(TMP, `legal-${BIG_MB}mb.csv`);
  const small = join(TMP, `legal-${BIG_MB / 4}mb.csv`);
  await generateCsv(big, BIG_MB);
  await generateCsv(small, BIG_MB / 4);
  const mb = statSync(big).size / 1e6;
  const load = () => round(loadavg()[0], 1);
  console.log(`prepare chain on ${round(mb, 1)} MB of CSV (${availableParallelism()} cores, load average ${load()})`);

  const tiktoken = child(['baseline', big, 'tiktoken']);
  const gpt = child(['baseline', big, 'gpt-tokenizer']);
  const own = child(['baseline', big, 'tunekit']);
  console.log(
    `  plain tiktoken (o200k, encode) over the question+answer text of ${tiktoken.rows} rows: ${round(tiktoken.mbPerSecond)} MB/s, ${round(tiktoken.tokens / tiktoken.seconds / 1e6)} M tokens/s`,
  );
  console.log(`  plain gpt-tokenizer (o200k, countTokens) over the same text: ${round(gpt.mbPerSecond)} MB/s`);
  console.log(
    `  plain tunekit counter (o200k, what the chain uses) over the same text: ${round(own.mbPerSecond)} MB/s, ${round(own.mbPerSecond / gpt.mbPerSecond)}× gpt-tokenizer, ${round(own.mbPerSecond / tiktoken.mbPerSecond)}× tiktoken`,
  );
  // A shared 2-core VM speeds up and slows down during the bench (±30%), and how much a second core gives depends on
  // its neighbours: each round runs one worker, two workers, and two 1-worker runs side by side (two processes that
  // share nothing: what the cores give two threads at best), in rotating order. The ratio printed is the median of the
  // rounds', next to the side-by-side ceiling of the same rounds.
  const runs = { 1: [], 2: [] };
  const ratios = [];
  const ceilings = [];
  for (let round = 0; round < ROUNDS; round++) {
    const pair = {};
    let side;
    const kinds = ['1', '2', 'side'];
    for (const kind of [...kinds.slice(round % 3), ...kinds.slice(0, round % 3)]) {
      if (kind === 'side') {
        side = await Promise.all([childAsync(['chain', big, '1']), childAsync(['chain', big, '1'])]);
        continue;
      }
      const run = child(['chain', big, kind]);
      run.load = load();
      pair[kind] = run;
      runs[kind].push(run);
    }
    ratios.push(pair[1].seconds / pair[2].seconds);
    ceilings.push((2 * pair[1].seconds) / Math.max(...side.map((r) => r.seconds)));
  }
  const results = {};
  for (const workers of [1, 2]) {
    const run = median(runs[workers], (r) => r.seconds);
    results[workers] = run;
    const rate = mb / run.seconds;
    const peak = Math.max(...runs[workers].map((r) => r.rssMB));
    console.log(
      `  chain, ${workers} worker(s), median of ${ROUNDS}: ${round(rate)} MB/s, ${Math.round(run.rows / run.seconds)} rows/s, ${run.rows} rows → ${run.kept} kept, peak RSS ${peak.toFixed(0)} MB, CPU ${round(run.cpuSeconds, 1)} s over ${round(run.seconds, 1)} s; ${round(rate / tiktoken.mbPerSecond)}× plain tiktoken (target ≥ 0.60), ${round(rate / own.mbPerSecond)}× the plain tunekit counter (load ${run.load})`,
    );
    const threads = run.threadCpuSeconds;
    if (threads.main !== undefined) {
      const worker = workers > 1 ? `worker thread ${round(threads.busiest, 1)} s, ` : '';
      const rest = workers > 1 ? threads.rest : threads.rest + threads.busiest;
      console.log(
        `    CPU by thread: main ${round(threads.main, 1)} s, ${worker}V8 and libuv threads ${round(rest, 1)} s`,
      );
    }
  }
  const middle = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const list = (values) => values.map((value) => round(value)).join(', ');
  console.log(`  2 workers vs 1: ${round(middle(ratios))}× median, rounds ${list(ratios)} (target ≥ 1.6)`);
  console.log(
    `  two 1-worker runs side by side vs one (the cores' ceiling for 2 workers): ${round(middle(ceilings))}× median, rounds ${list(ceilings)}; 2 workers reach ${ratios.map((ratio, i) => round((100 * ratio) / ceilings[i], 0)).join(', ')} % of it`,
  );
  // RSS moves by ±30 MB from run to run with the timing of V8's collections: the growth compares medians.
  const quarters = Array.from({ length: ROUNDS }, () => child(['chain', small, '1']));
  const quarter = median(quarters, (r) => r.rssMB);
  const full = median(runs[1], (r) => r.rssMB);
  const peak = Math.max(...runs[1].map((r) => r.rssMB), ...runs[2].map((r) => r.rssMB));
  const withoutIndex = (run) => run.rssMB - (run.nearIndex?.bytes ?? 0) / 2 ** 20;
  console.log(
    `  RSS, 1 worker, median of ${ROUNDS}, ${BIG_MB / 4} MB → ${BIG_MB} MB input: ${quarter.rssMB.toFixed(0)} → ${full.rssMB.toFixed(0)} MB, ${round(full.rssMB / quarter.rssMB)}×; apart from the near-duplicate index ${round(withoutIndex(full) / withoutIndex(quarter))}× (target < 1.5×); highest peak of all runs ${peak.toFixed(0)} MB (target < 400)`,
  );
  const near = results[1].nearIndex;
  if (near) console.log(`  near index in the run: ${near.records} records, ${round(near.bytes / 1e6, 1)} MB`);
  const index = child(['index']);
  console.log(
    `  near index at ${index.records} records: ${(index.bytes / 1e6).toFixed(0)} MB, ${index.bytesPerRecord.toFixed(0)} B/record (target ≤ 256)`,
  );
}

await main();

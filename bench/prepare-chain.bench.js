// The whole preparation chain (read-csv → to-chat → validate → exact and near dedupe → token-budget → split →
// write) on a generated CSV with realistic duplicates, through the real runner; next to plain tiktoken counting
// over the same text. Each measured run is a child process, so its peak RSS is its own. Prints figures; asserts nothing.
// Sizes: `node bench/prepare-chain.bench.js [MB]` (default 8, to stay near 60 s at today's ~1 MB/s; pass 100 for the size) and a quarter of it for the RSS growth ratio.
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TMP = fileURLToPath(new URL('./.tmp/prepare-chain/', import.meta.url));
const BIG_MB = Number(/^\d+$/.test(process.argv[2] ?? '') ? process.argv[2] : 8);

/** Deterministic consumer-law Q&A rows; ~8% exact repeats, ~7% near repeats (a word changed), grouped by case. */
async function generateCsv(path, megabytes) {
  if (existsSync(path) && statSync(path).size >= megabytes * 1e6) return;
  const words =
    'the court held that a consumer may return goods within seven days of delivery unless seller proves contract excluded this right and any refund shall include shipping costs paid by buyer under article of law which applies to online sales warranty defect repair replacement notice claim damages'.split(
      ' ',
    );
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
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

/** Child: one chain run, printed as JSON. */
async function runChain(csv, workers) {
  const { loadPipeline, runPipeline } = await import('@tunekit/core');
  const file = pipelineFile(csv, `chain-${workers}w`);
  const start = process.hrtime.bigint();
  const { manifest } = await runPipeline(await loadPipeline(file), { outDir: join(TMP, `run-${workers}w`), workers });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const steps = Object.fromEntries(manifest.steps.map((s) => [s.step, s]));
  const near = steps.dedupe?.reports?.near_index;
  return {
    seconds,
    rows: steps['read-csv'].out,
    kept: steps.split.out,
    nearIndex: near,
    rssMB: process.resourceUsage().maxRSS / 1024,
  };
}

/** Child: plain tiktoken over the question and answer text of every row (what the chain tokenizes). */
async function runTiktoken(csv) {
  const { get_encoding } = await import('tiktoken');
  const encoding = get_encoding('o200k_base');
  const lines = readFileSync(csv, 'utf8').split('\n');
  const start = process.hrtime.bigint();
  let tokens = 0;
  for (let i = 1; i < lines.length; i++) {
    const [, question = '', answer = ''] = lines[i].split('"');
    tokens += encoding.encode(question).length + encoding.encode(lines[i].split('"')[3] ?? answer).length;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  encoding.free();
  return { seconds, tokens, rows: lines.length - 2, rssMB: process.resourceUsage().maxRSS / 1024 };
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

async function main() {
  const [mode, csv, workers] = process.argv.slice(2);
  if (mode === 'chain') return console.log(JSON.stringify(await runChain(csv, Number(workers))));
  if (mode === 'tiktoken') return console.log(JSON.stringify(await runTiktoken(csv)));
  if (mode === 'index') return console.log(JSON.stringify(await runIndexSize()));

  mkdirSync(TMP, { recursive: true });
  const big = join(TMP, `chat-${BIG_MB}mb.csv`);
  const small = join(TMP, `chat-${BIG_MB / 4}mb.csv`);
  await generateCsv(big, BIG_MB);
  await generateCsv(small, BIG_MB / 4);
  const mb = statSync(big).size / 1e6;
  console.log(`prepare chain on ${mb.toFixed(1)} MB of CSV (${availableParallelism()} cores)`);

  const tiktoken = child(['tiktoken', big]);
  const tiktokenMBs = mb / tiktoken.seconds;
  console.log(
    `  plain tiktoken (o200k) over the same text: ${tiktokenMBs.toFixed(2)} MB/s, ${(tiktoken.tokens / tiktoken.seconds / 1e6).toFixed(2)} M tokens/s`,
  );
  const results = {};
  for (const workers of [1, 2]) {
    const run = child(['chain', big, String(workers)]);
    results[workers] = run;
    const rate = mb / run.seconds;
    console.log(
      `  chain, ${workers} worker(s): ${rate.toFixed(2)} MB/s, ${Math.round(run.rows / run.seconds)} rows/s, ${run.rows} rows → ${run.kept} kept, peak RSS ${run.rssMB.toFixed(0)} MB, ${(rate / tiktokenMBs).toFixed(2)}× plain tiktoken (target ≥ 0.60)`,
    );
  }
  console.log(`  2 workers vs 1: ${(results[1].seconds / results[2].seconds).toFixed(2)}× (target ≥ 1.6)`);
  const quarter = child(['chain', small, '1']);
  console.log(
    `  peak RSS ${(BIG_MB / 4).toFixed(0)} MB → ${BIG_MB} MB input: ${quarter.rssMB.toFixed(0)} → ${results[1].rssMB.toFixed(0)} MB, ${(results[1].rssMB / quarter.rssMB).toFixed(2)}× (target < 1.5×, < 400 MB)`,
  );
  const near = results[1].nearIndex;
  if (near) console.log(`  near index in the run: ${near.records} records, ${(near.bytes / 1e6).toFixed(1)} MB`);
  const index = child(['index']);
  console.log(
    `  near index at ${index.records} records: ${(index.bytes / 1e6).toFixed(0)} MB, ${index.bytesPerRecord.toFixed(0)} B/record (target ≤ 256)`,
  );
}

await main();

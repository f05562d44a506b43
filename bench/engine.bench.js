// Records/s through a chain of 5 pass-through steps over 1,000,000 small records, next to the same loop as plain
// code in the same process. Target: the engine adds less than 2x, and moves at least 500,000 records/s on one core.
import { buildChain, silentLogger } from '@tunekit/core';

const N = 1_000_000;
const STEPS = 5;

function record(i) {
  return { id: `bench:${i}`, source: { file: 'bench', line: i }, data: { i }, meta: {} };
}

async function* source() {
  for (let i = 0; i < N; i++) yield record(i);
}

const passThrough = (r) => r;

async function plainLoop() {
  let count = 0;
  for await (let r of source()) {
    for (let s = 0; s < STEPS; s++) r = passThrough(r);
    count++;
  }
  return count;
}

const deps = {
  signal: new AbortController().signal,
  logger: silentLogger,
  baseDir: process.cwd(),
  runDir: process.cwd(),
  workers: 1,
  outlet: { reject() {}, discard() {} },
  model: async () => {
    throw new Error('unused');
  },
};

async function engine(kind) {
  const step =
    kind === 'map'
      ? () => ({ specVersion: 'v1', map: passThrough })
      : () => ({
          specVersion: 'v1',
          async *run(input) {
            for await (const r of input) yield r;
          },
        });
  const chain = buildChain(
    [{ name: 'source', step: { specVersion: 'v1', run: source } }],
    Array.from({ length: STEPS }, (_, i) => ({ name: `step-${i}`, step: step() })),
    deps,
  );
  let count = 0;
  for await (const batch of chain.output) count += batch.length;
  return count;
}

async function measure(name, fn) {
  globalThis.gc?.();
  const start = performance.now();
  const count = await fn();
  const seconds = (performance.now() - start) / 1000;
  if (count !== N) throw new Error(`${name}: ${count} records, expected ${N}`);
  return { name, seconds, rate: N / seconds };
}

await measure('warm-up', plainLoop);
await measure('warm-up', () => engine('map'));
const plain = await measure('plain loop (async generator + 5 function calls)', plainLoop);
const mapped = await measure('engine, 5 map steps (batched)', () => engine('map'));
const generators = await measure('engine, 5 async-generator steps', () => engine('run'));
const fmt = (n) => Math.round(n).toLocaleString('en-US');
for (const r of [plain, mapped, generators]) {
  console.log(`${r.name.padEnd(50)} ${fmt(r.rate).padStart(12)} records/s  (${r.seconds.toFixed(2)} s)`);
}
console.log(
  `engine (map steps) / plain loop time ratio: ${(mapped.seconds / plain.seconds).toFixed(2)}x   target < 2x, ≥ 500,000 records/s`,
);
console.log(
  `engine (generator steps) / plain loop time ratio: ${(generators.seconds / plain.seconds).toFixed(2)}x   (informational)`,
);
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);

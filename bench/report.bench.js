// Scorers and report rendering: scorer throughput on Chinese legal text (baseline: a plain string equality pass over
// the same pairs), bootstrap cost, and report.html rendering of 5,000 embedded items from a 50,000-row stream.
// Prints figures; never asserts.
import { performance } from 'node:perf_hooks';
import { bootstrapMean, createScorer, renderHtml } from '@tunekit/evaluate';

const words = [
  '合同',
  '无效',
  '消费者',
  '权益',
  '经营者',
  '应当',
  '赔偿',
  '损失',
  '根据',
  '民法典',
  '第五百条',
  '规定',
  'the',
  'seller',
  'is',
  'liable',
];
let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const sentence = (n) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join('');
const PAIRS = 20_000;
const pairs = Array.from({ length: PAIRS }, () => ({ reference: sentence(30), output: sentence(30) }));
const item = (reference) => ({ id: 'x', messages: [{ role: 'user', content: 'q' }], reference });

function time(fn) {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const baselineMs = time(() => {
  let equal = 0;
  for (const p of pairs) if (p.output.trim() === p.reference.trim()) equal++;
  return equal;
});
console.log(
  `scorers over ${PAIRS.toLocaleString()} Chinese pairs (~90 chars each); baseline string equality ${baselineMs.toFixed(1)} ms`,
);
for (const spec of [
  'exact-normalized',
  'token-f1',
  { 'token-f1': { chinese: 'word' } },
  'rouge-l',
  'bleu',
  'levenshtein',
  'choice',
  'language',
]) {
  const scorer = createScorer(spec);
  const ms = time(() => {
    for (const p of pairs) scorer.score(item(p.reference), p.output);
  });
  const name = typeof spec === 'string' ? spec : 'token-f1 (words)';
  console.log(
    `  ${name.padEnd(18)} ${Math.round(PAIRS / (ms / 1000))
      .toLocaleString()
      .padStart(9)} items/s  (${(ms / baselineMs).toFixed(0)}× baseline)`,
  );
}

const values = Float64Array.from({ length: 50_000 }, () => random());
const bootMs = time(() => bootstrapMean(values, { seed: 1 }));
console.log(`bootstrap mean, 50,000 values × 2,000 resamples: ${bootMs.toFixed(0)} ms`);

const candidates = ['tuned', 'gpt-4o few-shot'];
const data = {
  formatVersion: 1,
  meta: {
    pipeline: 'bench',
    runId: 'r',
    createdAt: new Date(0).toISOString(),
    sandbox: true,
    toolVersion: '0',
    seeds: { bootstrap: 1 },
    items: 50_000,
  },
  candidates: candidates.map((name, i) => ({
    name,
    model: name,
    provider: 'sandbox',
    prompt: 'as is',
    isBaseline: i === 1,
  })),
  scorers: [{ name: 'token-f1', kind: 'continuous', description: '' }],
  summaries: candidates.map((candidate) => ({
    candidate,
    scorer: 'token-f1',
    mean: 0.5,
    ci: { low: 0.49, high: 0.51 },
    n: 50_000,
    errors: 0,
  })),
  baseline: 'gpt-4o few-shot',
  comparisons: [],
  economics: [],
  items: { file: 'eval/items.jsonl', count: 50_000 },
};
async function* rows() {
  for (let i = 0; i < 50_000; i++) {
    const p = pairs[i % PAIRS];
    const outputs = Object.fromEntries(
      candidates.map((c) => [c, { output: p.output, scores: { 'token-f1': { score: random() } } }]),
    );
    yield { id: `item-${i}`, prompt: p.reference, reference: p.reference, outputs };
  }
}
const rssBefore = process.memoryUsage().rss;
const start = performance.now();
const html = await renderHtml(data, rows());
const renderMs = performance.now() - start;
console.log(
  `report.html from 50,000 streamed rows (5,000 embedded): ${renderMs.toFixed(0)} ms, ${(html.length / 1e6).toFixed(1)} MB, RSS ${(rssBefore / 1e6).toFixed(0)} → ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
);

// Token counting throughput: @tunekit/format (its BPE counter over prebuilt rank tables + chat formula + caches) against plain tiktoken (WASM,
// the reference) on the same texts: the Chinese statutes and generated English. Prints figures; asserts nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countExampleTokens, loadTokenCounter } from '@tunekit/format';
import { get_encoding } from 'tiktoken';
import { seededRandom } from './lib/seeded-random.js';

const STATUTES = new URL('../data/statutes-zh/', import.meta.url).pathname;
const ROUNDS = 2;

function statuteLines() {
  return readdirSync(STATUTES).flatMap((file) =>
    readFileSync(join(STATUTES, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim().length > 0),
  );
}

/** Deterministic English-like paragraphs: common words mixed with made-up ones, which need byte-pair merging. */
function generatedLines(count) {
  const common =
    'the court held that a consumer may return goods within seven days of delivery unless seller proves contract excluded this right and any refund shall include shipping costs paid by buyer under article of law which applies to online sales'.split(
      ' ',
    );
  const syllables =
    'ka ren tor vi lam esh qua dro fen mi sul ter no pra gle hus zin col bre tam ous ique ment ling sto wer ax ply dun'.split(
      ' ',
    );
  const next = seededRandom();
  const pick = (list) => list[Math.floor(next() * list.length)];
  const word = () =>
    next() < 0.6 ? pick(common) : Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(syllables)).join('');
  return Array.from({ length: count }, () => {
    const length = 20 + Math.floor(next() * 120);
    return `${Array.from({ length }, word).join(' ')}.`;
  });
}

/** Best of ROUNDS runs; gpt-tokenizer's merge cache warms up in the first one, so that one is reported too. */
function time(fn) {
  const runs = [];
  let result = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    result = fn();
    runs.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { seconds: Math.min(...runs), first: runs[0], result };
}

function row(label, { result: tokens, seconds, first }, baseline) {
  const rate = tokens / seconds;
  const ratio = baseline ? `  ${(rate / baseline).toFixed(2)}× tiktoken` : '';
  const cold = `first run ${(tokens / first / 1e6).toFixed(2)}`;
  console.log(
    `  ${label.padEnd(34)} ${String(tokens).padStart(9)} tokens ${(rate / 1e6).toFixed(2).padStart(6)} M tokens/s (${cold})${ratio}`,
  );
  return rate;
}

const corpora = { 'statutes-zh': statuteLines(), 'generated-en': generatedLines(4000) };
const system = 'You are a consumer-law assistant. Answer precisely and cite the article.';

for (const encoding of ['cl100k_base', 'o200k_base']) {
  const reference = get_encoding(encoding);
  const counter = await loadTokenCounter(encoding);
  const wasm = await loadTokenCounter(encoding, { implementation: 'tiktoken' });
  console.log(`${encoding}`);
  for (const [name, lines] of Object.entries(corpora)) {
    const chars = lines.reduce((sum, line) => sum + line.length, 0);
    console.log(` ${name}: ${lines.length} lines, ${(chars / 1e6).toFixed(2)} M chars`);
    const plain = time(() => lines.reduce((sum, line) => sum + reference.encode_ordinary(line).length, 0));
    const baseline = row('tiktoken encode_ordinary', plain);
    const ours = time(() => lines.reduce((sum, line) => sum + counter.count(line), 0));
    row('format count', ours, baseline);
    row(
      'format count (tiktoken backend)',
      time(() => lines.reduce((sum, line) => sum + wasm.count(line), 0)),
      baseline,
    );
    if (ours.result !== plain.result) console.log(`  !! counts differ: ${ours.result} vs ${plain.result}`);

    // Chat examples: one repeated system prompt, a user line, an assistant line (the next one).
    const examples = lines.map((line, i) => ({
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: line },
        { role: 'assistant', content: lines[(i + 1) % lines.length] },
      ],
    }));
    const formulaWithTiktoken = (example) =>
      3 +
      example.messages.reduce(
        (sum, m) => sum + 3 + reference.encode_ordinary(m.role).length + reference.encode_ordinary(m.content).length,
        0,
      );
    const plainChat = time(() => examples.reduce((sum, example) => sum + formulaWithTiktoken(example), 0));
    const chatBaseline = row('chat formula on tiktoken', plainChat);
    const oursChat = time(() => examples.reduce((sum, example) => sum + countExampleTokens(example, counter).total, 0));
    row('format countExampleTokens', oursChat, chatBaseline);
    if (oursChat.result !== plainChat.result)
      console.log(`  !! chat counts differ: ${oursChat.result} vs ${plainChat.result}`);
  }
  reference.free();
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

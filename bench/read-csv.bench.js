// read-csv + to-chat on a generated 100 MB CSV, as MB/s and rows/s, next to csv-parse alone on the same file in the
// same run (target: at least 75% of csv-parse's throughput). The two alternate for a few rounds and each keeps its
// best round, so that load from other processes does not decide the ratio. Peak RSS of read-csv + to-chat at 25 MB
// and 100 MB, each in its own child process so the figures are clean (target: flat as the input grows).
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { buildChain, silentLogger } from '@tunekit/core';
import { plugins } from '@tunekit/prepare';
import { parse } from 'csv-parse';

const here = dirname(fileURLToPath(import.meta.url));
const tmp = join(here, '.tmp');
const MB = 1024 * 1024;

async function generate(file, bytes) {
  if (existsSync(file) && statSync(file).size >= bytes) return;
  mkdirSync(tmp, { recursive: true });
  const out = createWriteStream(file);
  out.write('id,question,answer,category\n');
  let written = 0;
  for (let i = 1; written < bytes; i++) {
    // Every 40th question spans lines, so line counting inside quoted fields is part of the measure.
    const question = i % 40 ? `Case ${i} asks about ""returns""` : `Case ${i}:\nasks about ""returns""\n`;
    const row = `${i},"消费者在购买商品时, 第${i % 63}条如何适用? ${question} within seven days.",经营者应当依照本法第${i % 63}条的规定承担责任。 The seller must refund the price of item ${i}.,${i % 2 ? 'consumer' : 'e-commerce'}\n`;
    written += Buffer.byteLength(row);
    if (!out.write(row)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function csvParseAlone(file) {
  const parser = parse({ delimiter: ',' });
  const done = pipeline(createReadStream(file), parser);
  let rows = 0;
  for await (const _ of parser) rows++;
  await done;
  return rows - 1;
}

async function readCsvToChat(file) {
  const create = async (id, options) =>
    plugins[id].create(plugins[id].options.parse(options), { baseDir: here, logger: silentLogger, env: {} });
  const deps = {
    signal: new AbortController().signal,
    logger: silentLogger,
    baseDir: here,
    runDir: tmp,
    workers: 1,
    outlet: { reject() {}, discard() {} },
    model: async () => {
      throw new Error('unused');
    },
  };
  const chain = buildChain(
    [{ name: 'read-csv', step: await create('read-csv', { path: file }) }],
    [
      {
        name: 'to-chat',
        step: await create('to-chat', {
          system: 'You answer consumer-law questions.',
          user: '{{question}}',
          assistant: '{{answer}}',
          group: '{{category}}',
        }),
      },
    ],
    deps,
  );
  let rows = 0;
  for await (const batch of chain.output) rows += batch.length;
  return rows;
}

async function timed(fn, file) {
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  const rows = await fn(file);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const mb = statSync(file).size / MB;
  return { rows, seconds, mbps: mb / seconds, rowsps: rows / seconds };
}

const ROUNDS = 3;

if (process.argv[2] === '--child') {
  const result = await timed(readCsvToChat, process.argv[3]);
  process.stdout.write(JSON.stringify({ ...result, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const small = join(tmp, 'read-csv-v2-25mb.csv');
  const large = join(tmp, 'read-csv-v2-100mb.csv');
  await generate(small, 25 * MB);
  await generate(large, 100 * MB);
  const best = (a, b) => (a && a.seconds <= b.seconds ? a : b);
  let baseline;
  let ours;
  for (let round = 0; round < ROUNDS; round++) {
    baseline = best(baseline, await timed(csvParseAlone, large));
    ours = best(ours, await timed(readCsvToChat, large));
  }
  const fmt = (r) =>
    `${r.mbps.toFixed(1)} MB/s, ${Math.round(r.rowsps).toLocaleString('en')} rows/s (${r.rows.toLocaleString('en')} rows, ${r.seconds.toFixed(2)} s)`;
  console.log(`read-csv bench: 100 MB generated CSV, best of ${ROUNDS} alternating rounds`);
  console.log(`  csv-parse alone        ${fmt(baseline)}`);
  console.log(`  read-csv + to-chat     ${fmt(ours)}`);
  console.log(
    `  ratio                  ${((ours.mbps / baseline.mbps) * 100).toFixed(0)}% of csv-parse (target >= 75%)`,
  );
  const peaks = [];
  for (const [label, file] of [
    ['25 MB', small],
    ['100 MB', large],
  ]) {
    const child = JSON.parse(
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file]).toString(),
    );
    peaks.push(child.maxRssMb);
    console.log(
      `  peak RSS at ${label.padEnd(6)}   ${child.maxRssMb.toFixed(0)} MB (${child.mbps.toFixed(1)} MB/s in its own process)`,
    );
  }
  console.log(
    `  RSS growth 25 → 100 MB ${((peaks[1] / peaks[0] - 1) * 100).toFixed(0)}% for 4× the input (target: flat)`,
  );
}

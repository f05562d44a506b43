// Writes dist/ranks/<encoding>.bin for every encoding (run by `npm run build` after tsc): the rank tables that
// token counting loads, so no thread compiles gpt-tokenizer's 200,000-entry rank modules at run time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { rankTableFile } from '../dist/tokens/encoding-tables.js';
import { ENCODING_NAMES } from '../dist/tokens/encodings.js';
import { RankTable } from '../dist/tokens/rank-table.js';

const require = createRequire(import.meta.url);
for (const name of ENCODING_NAMES) {
  const file = rankTableFile(name);
  const table = RankTable.fromRanks(require(`gpt-tokenizer/cjs/bpeRanks/${name}`).default);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, table.serialize());
}

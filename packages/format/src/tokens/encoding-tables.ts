import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createBpeCount } from './bpe-count.js';
import type { EncodingName } from './encodings.js';
import { preTokenizer } from './pre-tokenizer.js';
import { RankTable } from './rank-table.js';

/** The rank list of an encoding (index = rank) and the split patterns, as gpt-tokenizer ships them. */
type Ranks = ReadonlyArray<string | number[]>;
interface SplitPatterns {
  CL100K_TOKEN_SPLIT_REGEX: RegExp;
  O200K_TOKEN_SPLIT_REGEX: RegExp;
  R50K_TOKEN_SPLIT_REGEX: RegExp;
}

const require = createRequire(import.meta.url);

/** Where `npm run build` writes each encoding's table (`scripts/write-rank-tables.js`); from src/ or dist/ alike. */
export function rankTableFile(name: EncodingName): string {
  return fileURLToPath(new URL(`../../dist/ranks/${name}.bin`, import.meta.url));
}

/**
 * An encoding's table: the built file (a few milliseconds), or else from gpt-tokenizer's rank module (~0.4 s and
 * ~30 MB more resident: compiling a 200,000-entry array literal).
 */
export function loadRankTable(name: EncodingName): RankTable {
  const file = rankTableFile(name);
  if (existsSync(file)) return RankTable.deserialize(readFileSync(file));
  return RankTable.fromRanks((require(`gpt-tokenizer/cjs/bpeRanks/${name}`) as { default: Ranks }).default);
}

function splitPattern(name: EncodingName): RegExp {
  const patterns = require('gpt-tokenizer/cjs/encodingParams/constants') as SplitPatterns;
  if (name === 'o200k_base') return patterns.O200K_TOKEN_SPLIT_REGEX;
  if (name === 'cl100k_base') return patterns.CL100K_TOKEN_SPLIT_REGEX;
  return patterns.R50K_TOKEN_SPLIT_REGEX;
}

/** The count function of an encoding. */
export function bpeCount(name: EncodingName): (text: string) => number {
  return createBpeCount(loadRankTable(name), preTokenizer(name, splitPattern(name)));
}

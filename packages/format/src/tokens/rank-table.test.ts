import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadRankTable, rankTableFile } from './encoding-tables.js';
import { RankTable } from './rank-table.js';

const require = createRequire(import.meta.url);
const encoder = new TextEncoder();

describe('RankTable', () => {
  it('finds every token of o200k_base at its rank, by bytes and (for ASCII) by text', () => {
    const ranks = require('gpt-tokenizer/cjs/bpeRanks/o200k_base').default as Array<string | number[]>;
    const table = RankTable.fromRanks(ranks);
    let ascii = 0;
    const misses: number[] = [];
    for (let rank = 0; rank < ranks.length; rank++) {
      const token = ranks[rank]!;
      const bytes = typeof token === 'string' ? encoder.encode(token) : Uint8Array.from(token);
      if (table.rankOfBytes(bytes, 0, bytes.length) !== rank) misses.push(rank);
      if (typeof token === 'string' && [...token].every((char) => char.charCodeAt(0) < 0x80)) {
        ascii++;
        if (table.rankOfAscii(`~${token}~`, 1, token.length + 1) !== rank) misses.push(rank);
      }
    }
    expect(misses).toEqual([]);
    expect(ascii).toBeGreaterThan(50_000);
    expect(table.rankOfAscii('zzqqxxj', 0, 7)).toBe(-1);
    expect(table.rankOfBytes(encoder.encode('qqxxjjzz'), 0, 8)).toBe(-1);
  });

  it('reads back what it wrote, and refuses a file that is not its own', () => {
    const table = RankTable.fromRanks(['a', 'b', 'ab', [0xff, 0xfe], 'abc']);
    const copy = RankTable.deserialize(table.serialize());
    expect(copy.rankOfAscii('abc', 0, 2)).toBe(2);
    expect(copy.rankOfBytes(Uint8Array.of(0xff, 0xfe), 0, 2)).toBe(3);
    expect(copy.bytes).toBe(table.bytes);
    expect(() => RankTable.deserialize(encoder.encode('not a table at all'))).toThrow('not a rank table file');
    expect(() => RankTable.deserialize(table.serialize().subarray(0, 20))).toThrow('wrong size');
  });

  it('is built into dist/ranks by the build, byte for byte what gpt-tokenizer ranks make', () => {
    for (const name of ['cl100k_base', 'o200k_base'] as const) {
      const file = rankTableFile(name);
      expect(existsSync(file)).toBe(true);
      const ranks = require(`gpt-tokenizer/cjs/bpeRanks/${name}`).default;
      expect(Buffer.from(readFileSync(file)).equals(Buffer.from(RankTable.fromRanks(ranks).serialize()))).toBe(true);
      expect(loadRankTable(name).bytes).toBeGreaterThan(0);
    }
  });
});

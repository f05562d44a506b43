import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { get_encoding, type Tiktoken, type TiktokenEncoding } from 'tiktoken';
import { afterAll, describe, expect, it } from 'vitest';
import { BytePairCounter, SCAN_MERGE_MAX_BYTES } from './byte-pair-count.js';
import { loadRankTable } from './encoding-tables.js';
import type { EncodingName } from './encodings.js';
import type { RankTable } from './rank-table.js';
import { loadTokenCounter } from './token-counter.js';

const require = createRequire(import.meta.url);
const encoder = new TextEncoder();
const STATUTES = `${resolve(import.meta.dirname, '../../../../data')}/statutes-zh`;

/** The Chinese characters of the statutes, in order, without the punctuation and numbers between them. */
const HAN = readdirSync(STATUTES)
  .map((file) => readFileSync(join(STATUTES, file), 'utf8'))
  .join('')
  .replace(/[^\p{Script=Han}]/gu, '');

/** Random numbers in [0, 1), the same for every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

/** Every token's bytes, by rank, read back from the table's file form (lengths, then the pool). */
function tokenBytes(table: RankTable): Uint8Array[] {
  const file = table.serialize();
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const count = view.getUint32(4, true);
  const tokens: Uint8Array[] = [];
  let offset = 12 + count * 2;
  for (let rank = 0; rank < count; rank++) {
    const length = view.getUint16(12 + rank * 2, true);
    tokens.push(file.subarray(offset, offset + length));
    offset += length;
  }
  return tokens;
}

/** Byte strings of `length` bytes of several kinds, all merging a lot; the same for every run. */
function generatedPieces(table: RankTable, lengths: number[], seed: number): Uint8Array[] {
  const next = seeded(seed);
  const tokens = tokenBytes(table).filter((bytes) => bytes.length > 0);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const han = encoder.encode(HAN);
  const fill = (length: number, fragment: () => Uint8Array): Uint8Array => {
    const out = new Uint8Array(length);
    for (let at = 0; at < length; ) {
      const bytes = fragment();
      out.set(bytes.subarray(0, length - at), at);
      at += bytes.length;
    }
    return out;
  };
  const pieces: Uint8Array[] = [];
  for (const length of lengths) {
    // Real tokens of any rank, one after another: merges rebuild them and join them across their borders.
    pieces.push(fill(length, () => pick(tokens)));
    // Frequent (low-rank) tokens: long merge chains.
    pieces.push(fill(length, () => tokens[Math.floor(next() ** 2 * 5000)]!));
    // Two or three tokens repeated in random order: the same pair at many places, so ties decide.
    const few = [pick(tokens), pick(tokens), pick(tokens)].slice(0, 2 + Math.floor(next() * 2));
    pieces.push(fill(length, () => pick(few)));
    // Runs of one byte, broken now and then: ties all the way.
    const byte = Uint8Array.of(pick([0x78, 0x61, 0x20, 0x30, 0x3d, 0xe4]));
    pieces.push(fill(length, () => (next() < 0.97 ? byte : pick(tokens))));
    // Chinese text from a random place, cut anywhere (so it may begin or end inside a character).
    const start = Math.floor(next() * (han.length - length));
    pieces.push(han.slice(start, start + length));
    // Random bytes, mostly not UTF-8.
    pieces.push(Uint8Array.from({ length }, () => Math.floor(next() * 256)));
  }
  return pieces;
}

function counts(counter: BytePairCounter, pieces: Uint8Array[], how: 'countByScan' | 'countByHeap' | 'count') {
  return pieces.map((bytes) => counter[how](bytes, bytes.length));
}

/** The split pattern of an encoding as gpt-tokenizer ships it, anchored: where the first piece of a text ends. */
function firstPieceLength(encoding: EncodingName, text: string): number {
  const patterns = require('gpt-tokenizer/cjs/encodingParams/constants') as Record<string, RegExp>;
  const name = encoding === 'o200k_base' ? 'O200K' : encoding === 'cl100k_base' ? 'CL100K' : 'R50K';
  const pattern = patterns[`${name}_TOKEN_SPLIT_REGEX`]!;
  const anchored = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}y`);
  return anchored.exec(text)?.[0].length ?? 0;
}

describe.each(['o200k_base', 'cl100k_base'] as const)('byte-pair merging on %s', (encoding) => {
  const table = loadRankTable(encoding);

  it('gives the same counts by heap as by scan, around the threshold and far above it', () => {
    const around = Array.from({ length: 2 * SCAN_MERGE_MAX_BYTES }, (_, i) => 2 + i);
    const above = Array.from({ length: 24 }, (_, i) => 3 * SCAN_MERGE_MAX_BYTES + i * 23);
    const pieces = generatedPieces(table, [...around, ...above], encoding === 'o200k_base' ? 1 : 2);
    expect(pieces.length).toBeGreaterThan(500);
    const counter = new BytePairCounter(table);
    const byScan = counts(counter, pieces, 'countByScan');
    // One counter for all: the heap path reuses its buffers from piece to piece, and grows them.
    expect(counts(counter, pieces, 'countByHeap')).toEqual(byScan);
    expect(counts(counter, pieces, 'count')).toEqual(byScan);
    // The pieces merged a lot, so the order of merges mattered.
    const merges = pieces.reduce((sum, bytes, i) => sum + bytes.length - byScan[i]!, 0);
    expect(merges).toBeGreaterThan(pieces.reduce((sum, bytes) => sum + bytes.length, 0) / 3);
  });

  it('counts 0, 1 and 2 bytes as the scan does', () => {
    const counter = new BytePairCounter(table);
    for (const bytes of [new Uint8Array(0), Uint8Array.of(0x61), encoder.encode('ab'), Uint8Array.of(0xff, 0xfe)]) {
      expect(counter.countByHeap(bytes, bytes.length)).toBe(counter.countByScan(bytes, bytes.length));
    }
  });
});

/** Long single pieces that the patterns keep whole, and the encodings to count them with. */
function longPieces(): Array<[string, EncodingName[], string]> {
  const next = seeded(3);
  const letters = (alphabet: string, length: number) =>
    Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  const base64 = `ABCDEFGHIJKLMNOPQRSTUVWXYZ${lower}0123456789+/`;
  return [
    // (tiktoken takes ~0.5 s for each of these two.)
    ['x × 20,000', ['o200k_base'], 'x'.repeat(20_000)],
    ['ab × 10,000', ['cl100k_base'], 'ab'.repeat(10_000)],
    // tiktoken itself takes ~3 s per encoding for a run of 20,000 Chinese characters (its merge is quadratic).
    ['6,000 Chinese characters', ['o200k_base', 'cl100k_base'], HAN.slice(20_000, 26_000)],
    // cl100k keeps a run of letters of either case whole; o200k cuts it where lowercase turns to uppercase.
    ['base64-like letters', ['cl100k_base'], letters(base64.slice(0, 52), 8_000)],
    ['random lowercase', ['o200k_base'], letters(lower, 8_000)],
    // r50k and p50k keep a run of digits whole; cl100k and o200k cut it every 3 digits.
    ['digits', ['r50k_base', 'p50k_base'], letters('0123456789', 8_000)],
    ['digits of one kind', ['r50k_base'], '7'.repeat(10_000)],
  ];
}

/** tiktoken's encoders, loaded once each (o200k_base takes ~0.5 s). */
const references = new Map<EncodingName, Tiktoken>();
function tiktokenCount(encoding: EncodingName, text: string): number {
  let reference = references.get(encoding);
  if (!reference) {
    reference = get_encoding(encoding as TiktokenEncoding);
    references.set(encoding, reference);
  }
  return reference.encode_ordinary(text).length;
}
afterAll(() => {
  for (const reference of references.values()) reference.free();
});

describe('long pieces', () => {
  it.each(longPieces())('count as tiktoken counts them: %s', async (_name, encodings, text) => {
    for (const encoding of encodings) {
      expect(firstPieceLength(encoding, text)).toBe(text.length);
      expect(encoder.encode(text).length).toBeGreaterThan(100 * SCAN_MERGE_MAX_BYTES);
      const expected = tiktokenCount(encoding, text);
      const counter = await loadTokenCounter(encoding);
      // One piece, too long to be remembered (bpe-count.ts), so merged by the heap here.
      expect(counter.count(text)).toBe(expected);
    }
  });

  it('count as tiktoken counts a real base64 string (digits cut it into short pieces)', async () => {
    const next = seeded(4);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const text = `data:image/png;base64,${Array.from({ length: 20_000 }, () => alphabet[Math.floor(next() * 64)]).join('')}`;
    for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
      expect((await loadTokenCounter(encoding)).count(text)).toBe(tiktokenCount(encoding, text));
    }
  });
});

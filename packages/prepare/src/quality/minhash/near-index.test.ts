import { describe, expect, it } from 'vitest';
import { NearIndex } from './near-index.js';

const BANDS = 16;
const PERMS = 128;

/** Band keys and a 4-bit signature per record, from a simple generator (the same for every run). */
function records(count: number, seed: number) {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const keys = Uint32Array.from({ length: count * BANDS }, next);
  const signatures = Uint8Array.from({ length: (count * PERMS) / 2 }, () => next() & 0xff);
  return { keys, signatures };
}

describe('NearIndex', () => {
  it('finds a record again across segments and head-table growth, and nothing for unseen keys', () => {
    const index = new NearIndex(BANDS, PERMS);
    const count = 3 * 4096;
    const { keys, signatures } = records(count, 1);
    for (let i = 0; i < count; i++) expect(index.add(keys, i * BANDS, signatures, (i * PERMS) / 2)).toBe(i);
    expect(index.count).toBe(count);
    for (const i of [0, 4095, 4096, count - 1]) {
      expect(index.query(keys, i * BANDS, signatures, (i * PERMS) / 2, 0.8)).toEqual({ index: i, similarity: 1 });
    }
    const unseen = records(1, 99);
    expect(index.query(unseen.keys, 0, unseen.signatures, 0, 0.8)).toBeUndefined();
    // 192 B per record with 16 bands × 8 rows, plus heads, plus the free room of the last 4,096-record segment.
    expect(index.bytes / count).toBeLessThan(256);
  });

  it('matches on one shared band only when the signatures agree enough, and prefers the earliest on ties', () => {
    const index = new NearIndex(BANDS, PERMS);
    const { keys, signatures } = records(4, 7);
    // Records 1–3 share band 5 with record 0 (the query); 2 and 3 also have its signature, 1 does not.
    for (const i of [1, 2, 3]) keys[i * BANDS + 5] = keys[5]!;
    for (const i of [2, 3]) signatures.copyWithin((i * PERMS) / 2, 0, PERMS / 2);
    for (const i of [1, 2, 3]) index.add(keys, i * BANDS, signatures, (i * PERMS) / 2);
    expect(index.query(keys, 0, signatures, 0, 0.8)).toEqual({ index: 1, similarity: 1 });
    expect(index.query(keys, 0, signatures, 0, 1.01)).toBeUndefined();
  });
});

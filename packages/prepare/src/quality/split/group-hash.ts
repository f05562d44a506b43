import { hash } from 'node:crypto';

/** Buckets of the split: a group goes to validation when its bucket is below fraction × BUCKETS. */
export const BUCKETS = 10_000;

/** A seeded 32-bit hash of a group key: the same for the same seed and key in every run and on every machine. */
export function groupHash(seed: number, key: string): number {
  return hash('sha256', `${seed}\u0000${key}`, 'buffer').readUInt32BE(0);
}

export function groupBucket(seed: number, key: string): number {
  return groupHash(seed, key) % BUCKETS;
}

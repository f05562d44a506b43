import { combine32, fmix32 } from '../text/hash32.js';

export interface MinHashShape {
  bands: number;
  rows: number;
}

/** Multipliers (odd) and offsets of the `perms` hash functions `h_i(x) = a_i * x + b_i mod 2^32`, from a fixed seed. */
export function permutationParameters(perms: number, seed = 0x5eed): { a: Uint32Array; b: Uint32Array } {
  const a = new Uint32Array(perms);
  const b = new Uint32Array(perms);
  let state = seed >>> 0;
  for (let i = 0; i < perms; i++) {
    state = fmix32(state + 0x9e3779b9);
    a[i] = state | 1;
    state = fmix32(state + 0x9e3779b9);
    b[i] = state;
  }
  return { a, b };
}

/**
 * The MinHash signature of a set of shingle hashes: for each permutation, the smallest permuted value.
 * Shingle hashes are already fmix32-mixed, so the cheap multiply-add permutations are enough.
 */
export function minHashSignature(
  shingles: Uint32Array,
  count: number,
  params: { a: Uint32Array; b: Uint32Array },
  out: Uint32Array,
): Uint32Array {
  const perms = params.a.length;
  for (let i = 0; i < perms; i++) {
    const a = params.a[i]!;
    const b = params.b[i]!;
    let min = 0xffffffff;
    for (let j = 0; j < count; j++) {
      const v = (Math.imul(a, shingles[j]!) + b) >>> 0;
      if (v < min) min = v;
    }
    out[i] = min;
  }
  return out;
}

/** One 32-bit hash per band (LSH): records that agree on every row of a band land in the same bucket. */
export function bandHashes(signature: Uint32Array, shape: MinHashShape, out: Uint32Array, offset: number): void {
  for (let band = 0; band < shape.bands; band++) {
    let h = combine32(0x6a09e667, band);
    for (let row = 0; row < shape.rows; row++) h = combine32(h, signature[band * shape.rows + row]!);
    out[offset + band] = h;
  }
}

/**
 * b-bit MinHash (Li & König) with b = 4: keeps the low 4 bits of each minimum, two per byte. Stored per kept record
 * instead of the full 32-bit signature, it estimates Jaccard similarity at an eighth of the memory.
 */
export function packSignature4(signature: Uint32Array, out: Uint8Array, offset: number): void {
  for (let i = 0; i < signature.length; i += 2) {
    out[offset + (i >> 1)] = (signature[i]! & 0xf) | ((signature[i + 1]! & 0xf) << 4);
  }
}

/** Jaccard estimate from two packed 4-bit signatures: agreement corrected for the 1/16 chance of equal bits. */
export function estimateJaccard4(
  left: Uint8Array,
  leftOffset: number,
  right: Uint8Array,
  rightOffset: number,
  bytes: number,
): number {
  let equal = 0;
  for (let i = 0; i < bytes; i++) {
    const x = left[leftOffset + i]! ^ right[rightOffset + i]!;
    if ((x & 0xf) === 0) equal++;
    if ((x & 0xf0) === 0) equal++;
  }
  const agreement = equal / (bytes * 2);
  return Math.max(0, (agreement - 1 / 16) / (1 - 1 / 16));
}

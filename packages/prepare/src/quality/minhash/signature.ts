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

const SIGN = 0x80000000;

/**
 * The MinHash signature of a set of shingle hashes: for each permutation, the smallest permuted value.
 * Shingle hashes are already fmix32-mixed, so the cheap multiply-add permutations are enough. Four permutations
 * share each pass over the shingles, and values are compared as int32 with the sign bit flipped (same order as
 * uint32, without the `>>> 0` conversions): a third faster than one plain loop per permutation.
 */
export function minHashSignature(
  shingles: Uint32Array,
  count: number,
  params: { a: Uint32Array; b: Uint32Array },
  out: Uint32Array,
): Uint32Array {
  const { a, b } = params;
  const perms = a.length;
  let i = 0;
  for (; i + 4 <= perms; i += 4) {
    const a0 = a[i]! | 0;
    const a1 = a[i + 1]! | 0;
    const a2 = a[i + 2]! | 0;
    const a3 = a[i + 3]! | 0;
    const b0 = (b[i]! ^ SIGN) | 0;
    const b1 = (b[i + 1]! ^ SIGN) | 0;
    const b2 = (b[i + 2]! ^ SIGN) | 0;
    const b3 = (b[i + 3]! ^ SIGN) | 0;
    let m0 = 0x7fffffff;
    let m1 = 0x7fffffff;
    let m2 = 0x7fffffff;
    let m3 = 0x7fffffff;
    for (let j = 0; j < count; j++) {
      const x = shingles[j]! | 0;
      const v0 = (Math.imul(a0, x) + b0) | 0;
      if (v0 < m0) m0 = v0;
      const v1 = (Math.imul(a1, x) + b1) | 0;
      if (v1 < m1) m1 = v1;
      const v2 = (Math.imul(a2, x) + b2) | 0;
      if (v2 < m2) m2 = v2;
      const v3 = (Math.imul(a3, x) + b3) | 0;
      if (v3 < m3) m3 = v3;
    }
    out[i] = m0 ^ SIGN;
    out[i + 1] = m1 ^ SIGN;
    out[i + 2] = m2 ^ SIGN;
    out[i + 3] = m3 ^ SIGN;
  }
  for (; i < perms; i++) {
    let min = 0xffffffff;
    for (let j = 0; j < count; j++) {
      const v = (Math.imul(a[i]!, shingles[j]!) + b[i]!) >>> 0;
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

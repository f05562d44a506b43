import { describe, expect, it } from 'vitest';
import { minHashSignature, permutationParameters } from './signature.js';
import { createSimdSignature } from './simd-signature.js';

// The definition: for each permutation h_i(x) = a_i * x + b_i mod 2^32, the smallest value over the set.
function referenceSignature(shingles: number[], params: { a: Uint32Array; b: Uint32Array }): number[] {
  return [...params.a].map((a, i) => Math.min(...shingles.map((x) => (Math.imul(a, x) + params.b[i]!) >>> 0)));
}

describe('minHashSignature', () => {
  it('equals the definition for every permutation count, extreme values included', () => {
    let state = 11;
    const next = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state;
    };
    for (const perms of [2, 6, 128, 130]) {
      const params = permutationParameters(perms);
      for (let round = 0; round < 50; round++) {
        const shingles = Array.from({ length: 1 + (next() % 200) }, next);
        if (round === 0) shingles.push(0, 0xffffffff, 0x80000000, 0x7fffffff);
        const out = minHashSignature(Uint32Array.from(shingles), shingles.length, params, new Uint32Array(perms));
        expect([...out]).toEqual(referenceSignature(shingles, params));
      }
    }
  });

  it('has a WebAssembly SIMD twin with the same values, growing its memory for long texts', () => {
    let state = 5;
    const next = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state;
    };
    for (const perms of [4, 12, 128]) {
      const params = permutationParameters(perms);
      const simd = createSimdSignature(params);
      expect(simd).toBeDefined();
      for (const length of [1, 2, 3, 5, 17, 200, 40_000]) {
        const shingles = Uint32Array.from({ length }, next);
        if (length === 5) shingles.set([0, 0xffffffff, 0x80000000, 0x7fffffff]);
        const expected = minHashSignature(shingles, length, params, new Uint32Array(perms));
        expect([...simd!.signature(shingles, length, new Uint32Array(perms))]).toEqual([...expected]);
        // Only the first `count` shingles count.
        expect([...simd!.signature(shingles, 1, new Uint32Array(perms))]).toEqual([
          ...minHashSignature(shingles, 1, params, new Uint32Array(perms)),
        ]);
      }
    }
    expect(createSimdSignature(permutationParameters(6))).toBeUndefined();
  });
});

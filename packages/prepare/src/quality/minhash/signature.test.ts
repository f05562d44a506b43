import { describe, expect, it } from 'vitest';
import { minHashSignature, permutationParameters } from './signature.js';

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
});

/** A deterministic xorshift32 generator of floats in [0, 1), so generated bench inputs are identical across runs. */
export function seededRandom(seed = 0x9e3779b9) {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

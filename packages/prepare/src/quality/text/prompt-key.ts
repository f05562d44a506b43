import { fmix32 } from './hash32.js';

const NONE = -1;

/**
 * A 53-bit key of the prompt of a chat line (its parts that are not answers, as written), or -1 when the line has
 * no answer or no prompt. Two hash streams (FNV-1a and a multiply-xorshift one): at a million prompts 32 bits
 * would give about a hundred false matches, 53 bits one in some ten thousand runs.
 */
export function promptKey(parts: readonly string[], answers: number): number {
  if (answers === 0) return NONE;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  let prompt = false;
  for (let p = 0; p < parts.length; p++) {
    if (answers & (1 << p)) continue;
    prompt = true;
    const text = parts[p]!;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      a = Math.imul(a ^ unit, 0x01000193);
      b = Math.imul(b ^ unit, 0x5bd1e995);
      b ^= b >>> 13;
    }
    // Part boundaries count: ["ab", "c"] is not ["a", "bc"].
    a = Math.imul(a ^ 0xffff, 0x01000193);
    b = Math.imul(b ^ (p + 0x10000), 0x5bd1e995);
  }
  if (!prompt) return NONE;
  return fmix32(a) * 0x200000 + (fmix32(b) & 0x1fffff);
}

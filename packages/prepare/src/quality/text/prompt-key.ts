import { fmix32 } from './hash32.js';

const NONE = -1;

/**
 * A 53-bit key of the parts of a line that `mask` selects (or, with `inMask` false, those it and `skip` leave out),
 * as written, or -1 when it selects none. Two hash streams (FNV-1a and a multiply-xorshift one): at a million
 * prompts 32 bits would give about a hundred false matches, 53 bits one in some ten thousand runs.
 */
function partsKey(parts: readonly string[], mask: number, inMask: boolean, skip = 0, context?: string): number {
  const state = { a: 0x811c9dc5, b: 0x050c5d1f };
  let any = false;
  for (let p = 0; p < parts.length; p++) {
    const selected = (mask & (1 << p)) !== 0;
    if (selected !== inMask || skip & (1 << p)) continue;
    any = true;
    mix(state, parts[p]!, p);
  }
  if (!any) return NONE;
  if (context !== undefined) mix(state, context, parts.length);
  return fmix32(state.a) * 0x200000 + (fmix32(state.b) & 0x1fffff);
}

function mix(state: { a: number; b: number }, text: string, position: number): void {
  let { a, b } = state;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995);
    b ^= b >>> 13;
  }
  // Part boundaries count: ["ab", "c"] is not ["a", "bc"].
  state.a = Math.imul(a ^ 0xffff, 0x01000193);
  state.b = Math.imul(b ^ (position + 0x10000), 0x5bd1e995);
}

/**
 * The key of a line's prompt (its parts that are neither `answers` nor `others`, and its `context`: tools), or -1
 * when the line has no answer or no prompt.
 */
export function promptKey(parts: readonly string[], answers: number, others = 0, context?: string): number {
  return answers === 0 ? NONE : partsKey(parts, answers, false, others, context);
}

/** The key of a line's answer (its `answers` parts), or -1 when it has none. */
export function answerKey(parts: readonly string[], answers: number): number {
  return answers === 0 ? NONE : partsKey(parts, answers, true);
}

import { normalUpperTail } from './normal.js';
import { signedRankExactPValue } from './signed-rank-exact.js';
import { TIE_TOLERANCE } from './tie-tolerance.js';

export interface WilcoxonResult {
  /** Sum of the ranks of positive differences (W+). */
  statistic: number;
  pValue: number;
  /** Non-zero differences. */
  n: number;
  method: 'exact' | 'normal';
}

const EXACT_LIMIT = 50;

/**
 * Wilcoxon signed-rank test (two-sided) of paired scores: zero differences dropped (Wilcoxon's method, as R's
 * wilcox.test and scipy), average ranks for ties. Up to 50 non-zero differences p comes from the exact permutation
 * distribution of those ranks, ties included (as R's exactRankTests::wilcox.exact and coin); above, from the normal
 * approximation with tie correction and no continuity correction (scipy's `method='approx'`). Differences within
 * TIE_TOLERANCE count as tied (zero, or of equal size), as they count as ties in win / tie / loss.
 */
export function wilcoxonSignedRank(candidate: ArrayLike<number>, baseline: ArrayLike<number>): WilcoxonResult {
  const differences: number[] = [];
  for (let i = 0; i < candidate.length; i++) {
    const d = (candidate[i] as number) - (baseline[i] as number);
    if (Math.abs(d) > TIE_TOLERANCE) differences.push(d);
  }
  const n = differences.length;
  if (n === 0) return { statistic: 0, pValue: 1, n, method: 'exact' };
  const order = differences.map((_, i) => i).sort((x, y) => Math.abs(differences[x]!) - Math.abs(differences[y]!));
  const ranks = new Float64Array(n);
  let tieCorrection = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    const size = Math.abs(differences[order[start]!]!);
    while (end < n && Math.abs(Math.abs(differences[order[end]!]!) - size) <= TIE_TOLERANCE) end++;
    const averageRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!] = averageRank;
    const t = end - start;
    tieCorrection += t * t * t - t;
    start = end;
  }
  let wPlus = 0;
  for (let i = 0; i < n; i++) if (differences[i]! > 0) wPlus += ranks[i]!;
  if (n <= EXACT_LIMIT) return { statistic: wPlus, pValue: signedRankExactPValue(ranks, wPlus), n, method: 'exact' };
  const mean = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection / 48;
  const z = variance > 0 ? (wPlus - mean) / Math.sqrt(variance) : 0;
  return { statistic: wPlus, pValue: Math.min(1, 2 * normalUpperTail(Math.abs(z))), n, method: 'normal' };
}

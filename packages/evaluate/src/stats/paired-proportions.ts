import type { Interval } from '../report/report-data.js';
import { wilsonInterval, Z_95 } from './wilson.js';

/** A paired 2×2 table of pass/fail: `both` pass, `onlyCandidate`, `onlyBaseline`, `neither`. */
export interface PairedCounts {
  both: number;
  onlyCandidate: number;
  onlyBaseline: number;
  neither: number;
}

/**
 * Newcombe's square-and-add interval (1998, method 10, with the continuity-corrected correlation) of the difference of
 * paired pass rates, candidate − baseline: built from the Wilson intervals of both rates, so with few items it stays
 * wide instead of collapsing to a point as a bootstrap of identical pairs does. Null for no pairs.
 */
export function pairedProportionDifference(counts: PairedCounts, z = Z_95): Interval | null {
  const { both, onlyCandidate, onlyBaseline, neither } = counts;
  const n = both + onlyCandidate + onlyBaseline + neither;
  const candidate = wilsonInterval(both + onlyCandidate, n, z);
  const baseline = wilsonInterval(both + onlyBaseline, n, z);
  if (!candidate || !baseline) return null;
  const p1 = (both + onlyCandidate) / n;
  const p2 = (both + onlyBaseline) / n;
  const phi = correlation(counts, n);
  const lowSpan = spread(p1 - candidate.low, baseline.high - p2, phi);
  const highSpan = spread(p2 - baseline.low, candidate.high - p1, phi);
  const diff = p1 - p2;
  return { low: Math.max(-1, diff - lowSpan), high: Math.min(1, diff + highSpan) };
}

function spread(a: number, b: number, phi: number): number {
  return Math.sqrt(Math.max(0, a * a + b * b - 2 * phi * a * b));
}

/** Newcombe's φ*: the phi coefficient of the table, continuity-corrected towards 0; 0 when a margin is empty. */
function correlation({ both, onlyCandidate, onlyBaseline, neither }: PairedCounts, n: number): number {
  const margins = (both + onlyCandidate) * (onlyBaseline + neither) * (both + onlyBaseline) * (onlyCandidate + neither);
  if (margins === 0) return 0;
  const cross = both * neither - onlyCandidate * onlyBaseline;
  if (cross > n / 2) return (cross - n / 2) / Math.sqrt(margins);
  return cross >= 0 ? 0 : cross / Math.sqrt(margins);
}

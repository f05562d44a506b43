/** Quantile of sorted values with linear interpolation (numpy's default); null for no values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const low = sorted[below] as number;
  return low + ((sorted[above] as number) - low) * (position - below);
}

/** Quantile of unsorted values (copies and sorts them); e.g. latency p50 = quantile(latencies, 0.5). */
export function quantile(values: ArrayLike<number>, q: number): number | null {
  return quantileSorted(Float64Array.from(values).sort(), q);
}

export interface Distribution {
  min: number;
  max: number;
  mean: number;
  median: number;
  /** The notebook labels these "p5 / p95" but computes the 0.1 and 0.9 quantiles; so do we, under honest names. */
  p10: number;
  p90: number;
}

/** min, max, mean, median, p10 and p90 as numpy computes them (linear interpolation). Zeros for no values. */
export function distribution(values: ArrayLike<number>): Distribution {
  if (values.length === 0) return { min: 0, max: 0, mean: 0, median: 0, p10: 0, p90: 0 };
  // Indexed copies: Float64Array.from and for-of go through the iterator protocol (an object per value).
  const sorted = new Float64Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sorted[i] = values[i]!;
    sum += sorted[i]!;
  }
  sorted.sort();
  return {
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mean: sum / sorted.length,
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
  };
}

function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

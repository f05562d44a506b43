export interface Distribution {
  min: number;
  max: number;
  mean: number;
  median: number;
  p10: number;
  p90: number;
}

/** Quantile with linear interpolation between the closest ranks (numpy's default, which the notebook uses). */
function quantile(sorted: Uint32Array, q: number): number {
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export function distribution(values: Uint32Array): Distribution | undefined {
  if (values.length === 0) return undefined;
  const sorted = values.slice().sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mean: sum / sorted.length,
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
  };
}

/** An append-only list of unsigned 32-bit numbers (4 bytes per value instead of a JS array's 8+). */
export class Uint32List {
  private values = new Uint32Array(1024);
  private size = 0;

  push(value: number): void {
    if (this.size === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = value;
  }

  view(): Uint32Array {
    return this.values.subarray(0, this.size);
  }
}

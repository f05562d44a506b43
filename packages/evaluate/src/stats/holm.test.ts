import { describe, expect, it } from 'vitest';
import { holmAdjusted } from './holm.js';

describe('holmAdjusted', () => {
  it('multiplies the i-th smallest of m by m − i + 1 and keeps the order of the adjusted values', () => {
    // 0.01 · 3 = 0.03; 0.03 · 2 = 0.06; 0.04 · 1 = 0.04, raised to the 0.06 before it
    const adjusted = holmAdjusted([0.01, 0.04, 0.03]);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeCloseTo(0.06, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
  });

  it('caps at 1, leaves untested entries out of m, and changes nothing in a family of one', () => {
    // m = 2: 0.02 · 2 = 0.04; 0.7 · 1 = 0.7
    expect(holmAdjusted([0.7, null, 0.02])).toEqual([0.7, null, 0.04]);
    // 0.4 · 3 = 1.2 → 1
    expect(holmAdjusted([0.4, 0.5, 0.6])).toEqual([1, 1, 1]);
    expect(holmAdjusted([0.03])).toEqual([0.03]);
    expect(holmAdjusted([])).toEqual([]);
  });
});

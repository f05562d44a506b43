import { describe, expect, it } from 'vitest';
import { fitLabel, niceScale, textWidth, tickLabel } from './chart-kit.js';

describe('chart scales and labels', () => {
  it('rounds an axis outwards to round ticks', () => {
    const scores = niceScale(0.134, 0.295, 4);
    expect([scores.min, scores.max]).toEqual([0.1, 0.3]);
    expect(scores.ticks).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(scores.ticks.map((t) => tickLabel(t, scores.ticks))).toEqual(['0.10', '0.15', '0.20', '0.25', '0.30']);
    const latency = niceScale(0, 274.6, 4);
    expect(latency.ticks).toEqual([0, 100, 200, 300]);
    expect(tickLabel(200, latency.ticks)).toBe('200');
    expect(niceScale(0, 0).ticks.at(-1)).toBe(1);
  });

  it('maps values into pixels and clamps them to the axis', () => {
    const scale = niceScale(0, 1, 4);
    expect(scale.at(0.5, 100, 300)).toBe(200);
    expect(scale.at(-3, 100, 300)).toBe(100);
    expect(scale.at(7, 300, 100)).toBe(100);
    expect(tickLabel(-0.5, [-0.5, 0])).toBe('\u22120.5');
  });

  it('counts CJK characters wider than Latin ones and shortens labels to fit', () => {
    expect(textWidth('合同无效', 10)).toBe(40);
    expect(textWidth('abcd', 10)).toBeCloseTo(23.2);
    const short = fitLabel('a very long candidate name that cannot fit', 12, 100);
    expect(short.endsWith('…')).toBe(true);
    expect(textWidth(short, 12)).toBeLessThanOrEqual(100);
    expect(fitLabel('tuned', 12, 100)).toBe('tuned');
  });
});

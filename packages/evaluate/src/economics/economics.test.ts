import { describe, expect, it } from 'vitest';
import { EconomicsTally } from './economics.js';

const PRICES = { input: 2.5, output: 10, cachedInput: 1.25 };

describe('EconomicsTally.costUsd', () => {
  it('prices every answer, cached ones included, and counts only live ones as spent', () => {
    const tally = new EconomicsTally('judge', PRICES);
    tally.record({ promptTokens: 1000, completionTokens: 100 }, 5, false);
    tally.record({ promptTokens: 1000, completionTokens: 100 }, 0, true);
    tally.record({ promptTokens: 1000, completionTokens: 100, cachedTokens: 1000 }, 5, false);
    expect(tally.costUsd).toBeCloseTo((2 * 3500 + 2250) / 1e6, 15);
    expect(tally.spentUsd).toBeCloseTo((3500 + 2250) / 1e6, 15);
  });

  it('is unknown without a price, or when no answer said what it used; zero before any request', () => {
    expect(new EconomicsTally('a', PRICES).costUsd).toBe(0);
    const unpriced = new EconomicsTally('a', undefined);
    unpriced.record({ promptTokens: 10, completionTokens: 1 }, 5, false);
    expect(unpriced.costUsd).toBeNull();
    const silent = new EconomicsTally('a', PRICES);
    silent.record(undefined, 5, false);
    expect(silent.costUsd).toBeNull();
  });
});

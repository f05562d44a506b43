import { describe, expect, it } from 'vitest';
import { logGamma } from './incomplete-beta.js';
import { studentTQuantile } from './student-t.js';

describe('studentTQuantile', () => {
  // reference: scipy.stats.t.ppf
  it.each([
    [0.975, 1, 12.706204736174694],
    [0.975, 2, 4.302652729749462],
    [0.975, 5, 2.5705818356363146],
    [0.975, 10, 2.228138851986274],
    [0.975, 29, 2.045229642132703],
    [0.975, 59, 2.000995378088267],
    [0.975, 199, 1.9719565442517533],
    [0.975, 49999, 1.9600114320426525],
    [0.995, 3, 5.840909309733355],
    [0.1, 4, -1.5332062740589436],
  ])('t(%f, df = %i) = %f', (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 9);
  });

  it('is 0 at the median and refuses what has no quantile', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(() => studentTQuantile(1, 7)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });
});

it('logGamma matches ln of factorials and Γ(1/2) = √π', () => {
  expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
  expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  expect(logGamma(100.5)).toBeCloseTo(361.43554046777757, 9);
});

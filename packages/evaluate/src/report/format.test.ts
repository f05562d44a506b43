import { expect, it } from 'vitest';
import { formatP } from './format.js';

it('never prints a p under 0.05 as 0.050', () => {
  expect(formatP(0.0498)).toBe('p = 0.0498');
  expect(formatP(0.04996)).toBe('p = 0.04996');
  expect(formatP(0.0502)).toBe('p = 0.050');
  expect(formatP(0.03125)).toBe('p = 0.031');
  expect(formatP(0.0004)).toBe('p < 0.001');
  expect(formatP(null)).toBe('–');
});

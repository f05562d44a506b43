import { TunekitError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { numberOption } from './option-values.js';

function refusal(value: string, rule: Parameters<typeof numberOption>[2]): string {
  try {
    numberOption(value, '--x', rule);
  } catch (error) {
    expect(TunekitError.is(error, 'USAGE')).toBe(true);
    return (error as TunekitError).message;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe('numberOption', () => {
  it('reads plain decimal numbers within the rule', () => {
    expect(numberOption(undefined, '--x')).toBeUndefined();
    expect(numberOption('0.5', '--x', { min: 0, max: 1 })).toBe(0.5);
    expect(numberOption(' 8080 ', '--x', { integer: true, min: 0, max: 65535 })).toBe(8080);
    expect(numberOption('1e3', '--x')).toBe(1000);
    expect(numberOption('.25', '--x', { above: 0 })).toBe(0.25);
  });

  it('refuses what Number() would quietly take: empty, hex, Infinity, NaN', () => {
    for (const value of ['', ' ', '0x10', 'Infinity', 'NaN', 'abc', '1,5', '2s'])
      expect(refusal(value, {})).toMatch(/^--x must be a number, got /);
  });

  it('says the rule it broke', () => {
    expect(refusal('99999', { integer: true, min: 0, max: 65535 })).toBe(
      '--x must be an integer from 0 to 65535, got `99999`',
    );
    expect(refusal('2', { min: 0, max: 1 })).toBe('--x must be a number from 0 to 1, got `2`');
    expect(refusal('0', { above: 0 })).toBe('--x must be a positive number, got `0`');
    expect(refusal('1.5', { integer: true, min: 1 })).toBe('--x must be a positive integer, got `1.5`');
    // Integers are digits: an exponent or a decimal point is refused even where the value would be whole.
    expect(refusal('1e1', { integer: true, min: 1 })).toBe('--x must be a positive integer, got `1e1`');
    expect(refusal('2.0', { integer: true, min: 1 })).toBe('--x must be a positive integer, got `2.0`');
    expect(refusal('-1', { integer: true, min: 0 })).toBe('--x must be a non-negative integer, got `-1`');
    expect(refusal('', { min: 0 })).toBe('--x must be a non-negative number, got an empty value');
  });
});

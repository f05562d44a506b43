import { SIGNIFICANCE } from '../stats/finding.js';
import type { Interval } from './report-data.js';

const MINUS = '\u2212';

/** 0.8123 → "0.812"; null → "–". */
export function formatScore(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '–'
    : value.toFixed(digits).replace('-', MINUS);
}

/** Signed difference: "+0.042", "−0.013". */
export function formatSigned(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = Math.abs(value).toFixed(digits);
  return Number(text) === 0 ? text : `${value > 0 ? '+' : MINUS}${text}`;
}

export function formatInterval(ci: Interval | null | undefined, signed = false, digits = 3): string {
  if (!ci) return '';
  const f = signed ? formatSigned : formatScore;
  return `[${f(ci.low, digits)}, ${f(ci.high, digits)}]`;
}

export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs < 5e-7) return '$0';
  const text = abs >= 100 ? abs.toFixed(0) : abs >= 1 ? abs.toFixed(2) : abs.toPrecision(2);
  return `${value < 0 ? MINUS : ''}$${text}`;
}

export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return Math.round(value).toLocaleString('en-US');
}

/** "p = 0.034", "p < 0.001"; a p just under 0.05 gets the digits that show it is under (0.0498, never 0.050). */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined) return '–';
  if (p < 0.001) return 'p < 0.001';
  for (let digits = 3; digits <= 6; digits++) {
    const text = p.toFixed(digits);
    if (p >= SIGNIFICANCE || Number(text) < SIGNIFICANCE) return `p = ${text}`;
  }
  return `p < ${SIGNIFICANCE}`;
}

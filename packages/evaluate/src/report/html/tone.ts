import { findingOf } from '../../stats/finding.js';
import type { Comparison } from '../report-data.js';

/** Green for a difference the verdict calls better, red for worse, none otherwise. */
export function toneOf(comparison: Comparison): 'good' | 'bad' | undefined {
  const finding = findingOf(comparison);
  return finding === 'better' ? 'good' : finding === 'worse' ? 'bad' : undefined;
}

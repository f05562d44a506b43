import { distance } from 'fastest-levenshtein';
import { pointScorer } from './point-scorer.js';
import type { PointScorer } from './types.js';

/** 1 − edit distance / length of the longer text (NFC, trimmed); 1 when both are empty. */
export function levenshteinSimilarity(a: string, b: string): number {
  const left = a.normalize('NFC').trim();
  const right = b.normalize('NFC').trim();
  const longer = Math.max(left.length, right.length);
  return longer === 0 ? 1 : 1 - distance(left, right) / longer;
}

export function createLevenshteinScorer(name: string): PointScorer {
  return pointScorer(name, 'Levenshtein similarity to the reference', false, (item, output) => ({
    score: levenshteinSimilarity(output, item.reference),
  }));
}

import { pointScorer } from './point-scorer.js';
import { answerTokens } from './text.js';
import type { PointScorer } from './types.js';

/** Length of the longest common subsequence, in O(n·m) time and O(m) memory. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** ROUGE-L F1 (β = 1, as rouge-score's `fmeasure`) over normalised tokens; Chinese on characters. */
export function rougeL(predicted: readonly string[], reference: readonly string[]): number {
  if (predicted.length === 0 || reference.length === 0) return predicted.length === reference.length ? 1 : 0;
  const lcs = lcsLength(predicted, reference);
  if (lcs === 0) return 0;
  const precision = lcs / predicted.length;
  const recall = lcs / reference.length;
  return (2 * precision * recall) / (precision + recall);
}

export function createRougeLScorer(name: string): PointScorer {
  return pointScorer(name, 'ROUGE-L F1 (longest common subsequence)', false, (item, output) => ({
    score: rougeL(answerTokens(output), answerTokens(item.reference)),
  }));
}

import { pointScorer } from './point-scorer.js';
import { answerTokens, type ChineseTokens, countValues } from './text.js';
import type { PointScorer } from './types.js';

/** Token-overlap F1 (SQuAD-style) of bags of tokens; 1 when both are empty. */
export function tokenF1(predicted: readonly string[], reference: readonly string[]): number {
  if (predicted.length === 0 || reference.length === 0) return predicted.length === reference.length ? 1 : 0;
  const referenceCounts = countValues(reference);
  let common = 0;
  for (const [token, count] of countValues(predicted)) common += Math.min(count, referenceCounts.get(token) ?? 0);
  if (common === 0) return 0;
  const precision = common / predicted.length;
  const recall = common / reference.length;
  return (2 * precision * recall) / (precision + recall);
}

export function createTokenF1Scorer(name: string, chinese: ChineseTokens): PointScorer {
  const unit = chinese === 'char' ? 'characters' : 'words';
  return pointScorer(name, `token F1 (Chinese on ${unit})`, false, (item, output) => ({
    score: tokenF1(answerTokens(output, chinese), answerTokens(item.reference, chinese)),
  }));
}

export { binomialHalfCdf } from './binomial.js';
export { type BootstrapOptions, bootstrapMean, type MeanWithInterval, pairedDifference } from './bootstrap.js';
export { compareToBaseline } from './compare.js';
export { evaluateGate } from './gate.js';
export { mcnemarExact } from './mcnemar.js';
export { quantile, quantileSorted } from './quantile.js';
export { seededRandom } from './random.js';
export { isScored, type ScoreSample, summarizeScores } from './summarize.js';
export { normalUpperTail, type WilcoxonResult, wilcoxonSignedRank } from './wilcoxon.js';

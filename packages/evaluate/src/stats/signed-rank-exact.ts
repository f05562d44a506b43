/**
 * Exact two-sided p of the Wilcoxon signed-rank statistic W+ = `statistic`, given the ranks of the non-zero
 * differences (average ranks for ties, so multiples of 0.5). Under the null each difference is positive or negative
 * with probability 1/2 whatever the others are, so W+ is the sum of a random subset of these very ranks: counting the
 * subsets by their sum gives the exact conditional distribution, ties included (no assumption of ranks 1..n).
 * The distribution is symmetric about half the total, so p = min(1, 2·min(P(W+ ≤ w), P(W+ ≥ w))).
 */
export function signedRankExactPValue(ranks: ArrayLike<number>, statistic: number): number {
  const n = ranks.length;
  if (n === 0) return 1;
  // Doubled, the average ranks are whole numbers; subset counts stay exact in doubles up to 2^53 (n ≤ 52).
  const doubled = Array.from(ranks, (rank) => Math.round(2 * rank));
  const maxSum = doubled.reduce((sum, rank) => sum + rank, 0);
  const counts = new Float64Array(maxSum + 1);
  counts[0] = 1;
  let reached = 0;
  for (const rank of doubled) {
    reached += rank;
    for (let s = reached; s >= rank; s--) counts[s]! += counts[s - rank]!;
  }
  const w = Math.round(2 * statistic);
  let lower = 0;
  let upper = 0;
  for (let s = 0; s <= maxSum; s++) {
    if (s <= w) lower += counts[s]!;
    if (s >= w) upper += counts[s]!;
  }
  return Math.min(1, (2 * Math.min(lower, upper)) / 2 ** n);
}

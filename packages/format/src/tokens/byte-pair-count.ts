import type { RankTable } from './rank-table.js';

const NO_RANK = 0x7fffffff;

/**
 * How many tokens byte-pair merging makes of `bytes[0, length)`, by tiktoken's `_byte_pair_merge`: repeatedly merge
 * the adjacent pair whose merged bytes have the lowest rank (the first such pair on ties) until no pair is a token.
 * Only counts, so it keeps part boundaries in reused typed arrays instead of building the tokens.
 */
export class BytePairCounter {
  private starts = new Int32Array(64);
  private ranks = new Int32Array(64);

  constructor(private readonly table: RankTable) {}

  count(bytes: Uint8Array, length: number): number {
    if (length <= 1) return length;
    if (this.starts.length < length + 1) {
      this.starts = new Int32Array(length * 2);
      this.ranks = new Int32Array(length * 2);
    }
    const { starts, ranks, table } = this;
    // Part i spans starts[i]..starts[i + 1]; ranks[i] is the rank of parts i and i + 1 merged.
    let parts = length + 1;
    for (let i = 0; i < parts; i++) starts[i] = i;
    for (let i = 0; i < parts; i++) ranks[i] = i + 2 < parts ? rankOrNone(table, bytes, i, i + 2) : NO_RANK;
    for (;;) {
      let lowest = NO_RANK;
      let at = -1;
      for (let i = 0; i < parts - 2; i++) {
        if (ranks[i]! < lowest) {
          lowest = ranks[i]!;
          at = i;
        }
      }
      if (at < 0) break;
      starts.copyWithin(at + 1, at + 2, parts);
      ranks.copyWithin(at + 1, at + 2, parts);
      parts--;
      ranks[at] = at + 2 < parts ? rankOrNone(table, bytes, starts[at]!, starts[at + 2]!) : NO_RANK;
      if (at > 0) ranks[at - 1] = rankOrNone(table, bytes, starts[at - 1]!, starts[at + 1]!);
    }
    return parts - 1;
  }
}

function rankOrNone(table: RankTable, bytes: Uint8Array, start: number, end: number): number {
  const rank = table.rankOfBytes(bytes, start, end);
  return rank < 0 ? NO_RANK : rank;
}

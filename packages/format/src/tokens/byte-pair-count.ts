import type { RankTable } from './rank-table.js';

const NO_RANK = 0x7fffffff;

/**
 * Pieces of up to this many bytes merge by scanning all parts for the lowest pair: O(n²), but with no heap to keep
 * it is the fastest for short pieces (~1.5× the heap's speed on 4–16-byte English words). Longer ones merge with a
 * heap, O(n log n). The two cost the same at ~16–32 bytes (measured on o200k_base and cl100k_base, for runs of Chinese
 * characters, of random letters and of one letter); at 64 bytes the heap is ~1.3–2× faster, at 512 bytes ~2.5–4.5×.
 */
export const SCAN_MERGE_MAX_BYTES = 32;

/** The heap path's buffers are kept for the next piece up to this many bytes (~28 bytes per byte); longer, let go. */
const KEEP_HEAP_BUFFERS_MAX_BYTES = 1 << 20;

/**
 * How many tokens byte-pair merging makes of `bytes[0, length)`, by tiktoken's `_byte_pair_merge`: repeatedly merge
 * the adjacent pair whose merged bytes have the lowest rank (the first such pair on ties) until no pair is a token.
 * Only counts, so it keeps part boundaries in reused typed arrays instead of building the tokens. tiktoken's loop is
 * quadratic in the piece's length (one piece of 100,000 letters took ~5 s, of 10 MB hours), so long pieces go through
 * a heap instead, with exactly the same merges.
 */
export class BytePairCounter {
  private starts = new Int32Array(64);
  private ranks = new Int32Array(64);
  private heap: HeapBuffers | undefined;

  constructor(private readonly table: RankTable) {}

  count(bytes: Uint8Array, length: number): number {
    return length <= SCAN_MERGE_MAX_BYTES ? this.countByScan(bytes, length) : this.countByHeap(bytes, length);
  }

  /** tiktoken's way: after each merge, scan all pairs for the lowest rank. O(n²) in the number of bytes. */
  countByScan(bytes: Uint8Array, length: number): number {
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
      // A loop, not copyWithin: for the few parts of a short piece, two builtin calls per merge cost more than this.
      parts--;
      for (let i = at + 1; i < parts; i++) {
        starts[i] = starts[i + 1]!;
        ranks[i] = ranks[i + 1]!;
      }
      ranks[at] = at + 2 < parts ? rankOrNone(table, bytes, starts[at]!, starts[at + 2]!) : NO_RANK;
      if (at > 0) ranks[at - 1] = rankOrNone(table, bytes, starts[at - 1]!, starts[at + 1]!);
    }
    return parts - 1;
  }

  /**
   * The same merges in O(n log n): the parts are a doubly linked list over their start bytes, and the pairs wait in a
   * binary min-heap keyed by (rank, left part's start), so the lowest rank comes first and the leftmost pair on ties,
   * as in the scan. A merge changes the pairs on both sides of the merged part: those are pushed anew, and the entries
   * they replace are skipped when they come up (the pair rank now held for their left part is not theirs; a pair of
   * the same left part always spans more bytes than any of its earlier ones, so it is a different token).
   */
  countByHeap(bytes: Uint8Array, length: number): number {
    if (length <= 1) return length;
    const { next, prev, pairRanks, heapRanks, heapStarts } = this.heapBuffers(length);
    const { table } = this;
    // Part s spans s..next[s]; prev[s] is the start of the part before it (-1 for the first); pairRanks[s] is the
    // rank of part s merged with the next, NO_RANK when that is no token, s is the last part or s merged away.
    let size = 0;
    for (let s = 0; s < length; s++) {
      next[s] = s + 1;
      prev[s] = s - 1;
      const rank = s + 2 <= length ? rankOrNone(table, bytes, s, s + 2) : NO_RANK;
      pairRanks[s] = rank;
      if (rank !== NO_RANK) {
        heapRanks[size] = rank;
        heapStarts[size] = s;
        size++;
      }
    }
    for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(heapRanks, heapStarts, size, i, heapRanks[i]!, heapStarts[i]!);
    let parts = length;
    while (size > 0) {
      const rank = heapRanks[0]!;
      const s = heapStarts[0]!;
      size--;
      if (size > 0) siftDown(heapRanks, heapStarts, size, 0, heapRanks[size]!, heapStarts[size]!);
      if (pairRanks[s] !== rank) continue;
      // Merge part s with the next one, r.
      const r = next[s]!;
      const after = next[r]!;
      next[s] = after;
      if (after < length) prev[after] = s;
      pairRanks[r] = NO_RANK;
      parts--;
      const right = after < length ? rankOrNone(table, bytes, s, next[after]!) : NO_RANK;
      pairRanks[s] = right;
      if (right !== NO_RANK) size = push(heapRanks, heapStarts, size, right, s);
      const p = prev[s]!;
      if (p >= 0) {
        const left = rankOrNone(table, bytes, p, after);
        pairRanks[p] = left;
        if (left !== NO_RANK) size = push(heapRanks, heapStarts, size, left, p);
      }
    }
    return parts;
  }

  /**
   * Buffers for a piece of `length` bytes. The heap holds at most 2 × length entries: fewer than `length` pairs at
   * first, and each merge pops one entry and pushes two at most.
   */
  private heapBuffers(length: number): HeapBuffers {
    if (this.heap && this.heap.next.length >= length) return this.heap;
    const capacity = Math.max(length, Math.min(2 * (this.heap?.next.length ?? 0), KEEP_HEAP_BUFFERS_MAX_BYTES));
    const buffers: HeapBuffers = {
      next: new Int32Array(capacity),
      prev: new Int32Array(capacity),
      pairRanks: new Int32Array(capacity),
      heapRanks: new Int32Array(2 * capacity),
      heapStarts: new Int32Array(2 * capacity),
    };
    if (capacity <= KEEP_HEAP_BUFFERS_MAX_BYTES) this.heap = buffers;
    return buffers;
  }
}

interface HeapBuffers {
  next: Int32Array;
  prev: Int32Array;
  pairRanks: Int32Array;
  heapRanks: Int32Array;
  heapStarts: Int32Array;
}

/** Puts entry (rank, start) at `at` or below, moving smaller children up; entries [0, size) make the heap. */
function siftDown(ranks: Int32Array, starts: Int32Array, size: number, at: number, rank: number, start: number): void {
  let i = at;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    let childRank = ranks[child]!;
    let childStart = starts[child]!;
    const other = child + 1;
    if (other < size) {
      const otherRank = ranks[other]!;
      const otherStart = starts[other]!;
      if (otherRank < childRank || (otherRank === childRank && otherStart < childStart)) {
        child = other;
        childRank = otherRank;
        childStart = otherStart;
      }
    }
    if (rank < childRank || (rank === childRank && start < childStart)) break;
    ranks[i] = childRank;
    starts[i] = childStart;
    i = child;
  }
  ranks[i] = rank;
  starts[i] = start;
}

/** Adds entry (rank, start) to the heap of `size` entries and returns the new size. */
function push(ranks: Int32Array, starts: Int32Array, size: number, rank: number, start: number): number {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const parentRank = ranks[parent]!;
    if (parentRank < rank || (parentRank === rank && starts[parent]! < start)) break;
    ranks[i] = parentRank;
    starts[i] = starts[parent]!;
    i = parent;
  }
  ranks[i] = rank;
  starts[i] = start;
  return size + 1;
}

function rankOrNone(table: RankTable, bytes: Uint8Array, start: number, end: number): number {
  const rank = table.rankOfBytes(bytes, start, end);
  return rank < 0 ? NO_RANK : rank;
}

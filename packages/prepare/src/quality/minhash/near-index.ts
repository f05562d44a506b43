import { estimateJaccard4 } from './signature.js';

/**
 * Records per chain head, on average, before the head tables double. Chains compare a 32-bit key first; every step
 * along a chain is a cache miss, which is what a query costs, so chains are kept short.
 */
const MAX_CHAIN_LOAD = 2;
/** Records per segment: storage grows a segment at a time, so nothing is ever copied and at most one is part-full. */
const SEGMENT_BITS = 12;
const SEGMENT = 1 << SEGMENT_BITS;
const SEGMENT_MASK = SEGMENT - 1;

export interface NearMatch {
  /** Index (in insertion order) of the kept record. */
  index: number;
  similarity: number;
}

/** 4,096 records: per band their band key and chain link side by side (one cache line), and their signatures. */
interface Segment {
  /** `[key, link]` at `2 × (band × SEGMENT + slot)`; keys stored as int32, links are record indexes or -1. */
  entries: Int32Array;
  signatures: Uint8Array;
}

/**
 * LSH index over kept records, all in typed arrays. Per record: its band hashes (4 B per band), the chain links
 * (4 B per band) and the 4-bit signature (perms / 2 bytes); per band a table of chain heads at most as long as half
 * the number of records. With 16 bands × 8 rows: 192 B per record plus 32–64 B of heads; storage grows 4,096
 * records at a time, never copied.
 */
export class NearIndex {
  private readonly bands: number;
  private readonly sigBytes: number;
  private size = 0;
  private readonly segments: Segment[] = [];
  private headBits = 6;
  private heads: Int32Array;
  private readonly checked: number[] = [];
  /** Per band, during a query: its key and where its chain walk is. */
  private readonly keys: Int32Array;
  private readonly cursors: Int32Array;

  constructor(bands: number, perms: number) {
    this.bands = bands;
    this.keys = new Int32Array(bands);
    this.cursors = new Int32Array(bands);
    this.sigBytes = perms / 2;
    this.heads = new Int32Array(bands << this.headBits).fill(-1);
  }

  get count(): number {
    return this.size;
  }

  /** Bytes held by the typed arrays, the last segment's free room included. */
  get bytes(): number {
    const perSegment = SEGMENT * (this.bands * 8 + this.sigBytes);
    return this.segments.length * perSegment + this.heads.byteLength;
  }

  /**
   * The most similar kept record at or above `threshold` among the LSH candidates (ties: the earliest). The chains of
   * all bands are walked side by side, one step of each per round: their loads do not depend on one another, so the
   * processor waits for their cache misses together instead of one after the other.
   */
  query(
    bandKeys: Uint32Array,
    keyOffset: number,
    signature: Uint8Array,
    sigOffset: number,
    threshold: number,
  ): NearMatch | undefined {
    const mask = (1 << this.headBits) - 1;
    const { keys, cursors } = this;
    for (let band = 0; band < this.bands; band++) {
      const key = bandKeys[keyOffset + band]! | 0;
      keys[band] = key;
      cursors[band] = this.heads[(band << this.headBits) | (key & mask)]!;
    }
    let best: NearMatch | undefined;
    this.checked.length = 0;
    for (let walking = true; walking; ) {
      walking = false;
      for (let band = 0; band < this.bands; band++) {
        const record = cursors[band]!;
        if (record < 0) continue;
        const segment = this.segments[record >> SEGMENT_BITS]!;
        const at = (band * SEGMENT + (record & SEGMENT_MASK)) * 2;
        if (segment.entries[at] === keys[band] && !this.checked.includes(record)) {
          this.checked.push(record);
          const similarity = estimateJaccard4(
            signature,
            sigOffset,
            segment.signatures,
            (record & SEGMENT_MASK) * this.sigBytes,
            this.sigBytes,
          );
          const better =
            !best || similarity > best.similarity || (similarity === best.similarity && record < best.index);
          if (similarity >= threshold && better) best = { index: record, similarity };
        }
        const next = segment.entries[at + 1]!;
        cursors[band] = next;
        if (next >= 0) walking = true;
      }
    }
    return best;
  }

  /** Adds a kept record; returns its index. */
  add(bandKeys: Uint32Array, keyOffset: number, signature: Uint8Array, sigOffset: number): number {
    const index = this.size++;
    if ((index & SEGMENT_MASK) === 0) {
      this.segments.push({
        entries: new Int32Array(this.bands * SEGMENT * 2),
        signatures: new Uint8Array(this.sigBytes * SEGMENT),
      });
    }
    const segment = this.segments[index >> SEGMENT_BITS]!;
    const slot = index & SEGMENT_MASK;
    for (let band = 0; band < this.bands; band++) {
      segment.entries[(band * SEGMENT + slot) * 2] = bandKeys[keyOffset + band]!;
    }
    // A loop, not set(subarray()): no view object per record.
    const to = slot * this.sigBytes;
    for (let i = 0; i < this.sigBytes; i++) segment.signatures[to + i] = signature[sigOffset + i]!;
    if (this.size > MAX_CHAIN_LOAD << this.headBits) this.rehash(this.headBits + 1);
    else this.link(index);
    return index;
  }

  private link(index: number): void {
    const mask = (1 << this.headBits) - 1;
    const segment = this.segments[index >> SEGMENT_BITS]!;
    for (let band = 0; band < this.bands; band++) {
      const at = (band * SEGMENT + (index & SEGMENT_MASK)) * 2;
      const head = (band << this.headBits) | (segment.entries[at]! & mask);
      segment.entries[at + 1] = this.heads[head]!;
      this.heads[head] = index;
    }
  }

  private rehash(bits: number): void {
    this.headBits = bits;
    this.heads = new Int32Array(this.bands << bits).fill(-1);
    for (let index = 0; index < this.size; index++) this.link(index);
  }
}

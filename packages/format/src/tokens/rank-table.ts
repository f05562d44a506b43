/**
 * The merge ranks of one BPE encoding, keyed by the token's UTF-8 bytes, in flat typed arrays: an open-addressing
 * hash table (FNV-1a) over one byte pool. A lookup neither allocates nor builds a string, so counting the tokens of a
 * text creates almost no garbage; the whole table is ~7 MB for o200k_base's 200,000 tokens.
 */
export class RankTable {
  private readonly offsets: Uint32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  /**
   * `lengths[rank]` bytes of each token, one after the other in `pool` (a length of 0 is an unused rank). This is
   * the table's file form too (`serialize`), which `npm run build` writes for each encoding so that a thread loads a
   * tokenizer in milliseconds instead of compiling a 200,000-entry module.
   */
  constructor(
    private readonly lengths: Uint16Array,
    private readonly pool: Uint8Array,
  ) {
    this.offsets = new Uint32Array(lengths.length);
    // At most half full: probes stay short.
    const size = 2 ** Math.ceil(Math.log2(lengths.length * 2 + 1));
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    let offset = 0;
    for (let rank = 0; rank < lengths.length; rank++) {
      const length = lengths[rank]!;
      this.offsets[rank] = offset;
      if (length > 0) {
        let slot = hashBytes(pool, offset, offset + length) & this.mask;
        while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
        this.slots[slot] = rank;
      }
      offset += length;
    }
    if (offset !== pool.length)
      throw new Error(`rank table: lengths add up to ${offset} bytes, the pool has ${pool.length}`);
  }

  /** `ranks[rank]` is the token's text, or its bytes when they are not valid UTF-8; holes are unused ranks. */
  static fromRanks(ranks: ReadonlyArray<string | readonly number[] | undefined>): RankTable {
    const encoder = new TextEncoder();
    const tokens = Array.from(ranks, (token) =>
      token === undefined
        ? new Uint8Array(0)
        : typeof token === 'string'
          ? encoder.encode(token)
          : Uint8Array.from(token),
    );
    const lengths = Uint16Array.from(tokens, (bytes) => bytes.length);
    const pool = new Uint8Array(tokens.reduce((sum, bytes) => sum + bytes.length, 0));
    let offset = 0;
    for (const bytes of tokens) {
      pool.set(bytes, offset);
      offset += bytes.length;
    }
    return new RankTable(lengths, pool);
  }

  /** The file form: `TKRT`, the rank count and pool size (uint32 LE), the lengths (uint16 LE), the pool. */
  serialize(): Uint8Array {
    const out = new Uint8Array(12 + this.lengths.length * 2 + this.pool.length);
    const view = new DataView(out.buffer);
    out.set(MAGIC, 0);
    view.setUint32(4, this.lengths.length, true);
    view.setUint32(8, this.pool.length, true);
    for (let rank = 0; rank < this.lengths.length; rank++) view.setUint16(12 + rank * 2, this.lengths[rank]!, true);
    out.set(this.pool, 12 + this.lengths.length * 2);
    return out;
  }

  static deserialize(bytes: Uint8Array): RankTable {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 12 || MAGIC.some((byte, i) => bytes[i] !== byte)) throw new Error('not a rank table file');
    const count = view.getUint32(4, true);
    const poolSize = view.getUint32(8, true);
    if (bytes.length !== 12 + count * 2 + poolSize) throw new Error('rank table file has the wrong size');
    const lengths = new Uint16Array(count);
    for (let rank = 0; rank < count; rank++) lengths[rank] = view.getUint16(12 + rank * 2, true);
    return new RankTable(lengths, bytes.slice(12 + count * 2));
  }

  /** The rank of `bytes[start, end)`, or -1 when those bytes are not a token. */
  rankOfBytes(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    for (let slot = hashBytes(bytes, start, end) & this.mask; ; slot = (slot + 1) & this.mask) {
      const rank = this.slots[slot]!;
      if (rank === -1) return -1;
      if (this.lengths[rank] !== length) continue;
      const offset = this.offsets[rank]!;
      let i = 0;
      while (i < length && this.pool[offset + i] === bytes[start + i]) i++;
      if (i === length) return rank;
    }
  }

  /** The rank of `text[start, end)` when those characters are all ASCII (one byte each), or -1. */
  rankOfAscii(text: string, start: number, end: number): number {
    const length = end - start;
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
    for (let slot = (hash >>> 0) & this.mask; ; slot = (slot + 1) & this.mask) {
      const rank = this.slots[slot]!;
      if (rank === -1) return -1;
      if (this.lengths[rank] !== length) continue;
      const offset = this.offsets[rank]!;
      let i = 0;
      while (i < length && this.pool[offset + i] === text.charCodeAt(start + i)) i++;
      if (i === length) return rank;
    }
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.pool.byteLength + this.offsets.byteLength + this.lengths.byteLength + this.slots.byteLength;
  }
}

const MAGIC = Uint8Array.of(0x54, 0x4b, 0x52, 0x54); // "TKRT"
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
  return hash >>> 0;
}

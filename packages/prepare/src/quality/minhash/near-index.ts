import { estimateJaccard4 } from './signature.js';

/** Records per chain head, on average, before the head tables double. Chains compare a 32-bit key first. */
const MAX_CHAIN_LOAD = 4;

export interface NearMatch {
  /** Index (in insertion order) of the kept record. */
  index: number;
  similarity: number;
}

/**
 * LSH index over kept records, all in typed arrays. Per record: its band hashes (4 B per band), the chain links
 * (4 B per band) and the 4-bit signature (perms / 2 bytes); per band a table of chain heads at most half as long as
 * a quarter of the number of records. With 16 bands × 8 rows: 192 B per record plus 16–32 B of heads.
 */
export class NearIndex {
  private readonly bands: number;
  private readonly sigBytes: number;
  private capacity = 0;
  private size = 0;
  private bandKeys = new Uint32Array(0);
  private links = new Int32Array(0);
  private signatures = new Uint8Array(0);
  private headBits = 6;
  private heads: Int32Array;
  private readonly checked: number[] = [];

  constructor(bands: number, perms: number) {
    this.bands = bands;
    this.sigBytes = perms / 2;
    this.heads = new Int32Array(bands << this.headBits).fill(-1);
  }

  get count(): number {
    return this.size;
  }

  /** Bytes held by the typed arrays, capacity included. */
  get bytes(): number {
    return this.bandKeys.byteLength + this.links.byteLength + this.signatures.byteLength + this.heads.byteLength;
  }

  /** The most similar kept record at or above `threshold` among the LSH candidates (ties: the earliest). */
  query(
    bandKeys: Uint32Array,
    keyOffset: number,
    signature: Uint8Array,
    sigOffset: number,
    threshold: number,
  ): NearMatch | undefined {
    const mask = (1 << this.headBits) - 1;
    let best: NearMatch | undefined;
    this.checked.length = 0;
    for (let band = 0; band < this.bands; band++) {
      const key = bandKeys[keyOffset + band]!;
      let cursor = this.heads[(band << this.headBits) | (key & mask)]!;
      while (cursor >= 0) {
        const recordIndex = (cursor / this.bands) | 0;
        if (this.bandKeys[cursor] === key && !this.checked.includes(recordIndex)) {
          this.checked.push(recordIndex);
          const similarity = estimateJaccard4(
            signature,
            sigOffset,
            this.signatures,
            recordIndex * this.sigBytes,
            this.sigBytes,
          );
          const better =
            !best || similarity > best.similarity || (similarity === best.similarity && recordIndex < best.index);
          if (similarity >= threshold && better) best = { index: recordIndex, similarity };
        }
        cursor = this.links[cursor]!;
      }
    }
    return best;
  }

  /** Adds a kept record; returns its index. */
  add(bandKeys: Uint32Array, keyOffset: number, signature: Uint8Array, sigOffset: number): number {
    if (this.size === this.capacity) this.grow();
    const index = this.size++;
    this.bandKeys.set(bandKeys.subarray(keyOffset, keyOffset + this.bands), index * this.bands);
    this.signatures.set(signature.subarray(sigOffset, sigOffset + this.sigBytes), index * this.sigBytes);
    if (this.size > MAX_CHAIN_LOAD << this.headBits) this.rehash(this.headBits + 1);
    else this.link(index);
    return index;
  }

  private link(index: number): void {
    const mask = (1 << this.headBits) - 1;
    for (let band = 0; band < this.bands; band++) {
      const entry = index * this.bands + band;
      const head = (band << this.headBits) | (this.bandKeys[entry]! & mask);
      this.links[entry] = this.heads[head]!;
      this.heads[head] = entry;
    }
  }

  private rehash(bits: number): void {
    this.headBits = bits;
    this.heads = new Int32Array(this.bands << bits).fill(-1);
    for (let index = 0; index < this.size; index++) this.link(index);
  }

  private grow(): void {
    const capacity = Math.max(256, Math.ceil(this.capacity * 1.25));
    const keys = new Uint32Array(capacity * this.bands);
    keys.set(this.bandKeys);
    const links = new Int32Array(capacity * this.bands);
    links.set(this.links);
    const signatures = new Uint8Array(capacity * this.sigBytes);
    signatures.set(this.signatures);
    this.bandKeys = keys;
    this.links = links;
    this.signatures = signatures;
    this.capacity = capacity;
  }
}

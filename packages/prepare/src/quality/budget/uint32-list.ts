/** An append-only list of unsigned 32-bit numbers (4 bytes per value instead of a JS array's 8+). */
export class Uint32List {
  private values = new Uint32Array(1024);
  private size = 0;

  push(value: number): void {
    if (this.size === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = value;
  }

  view(): Uint32Array {
    return this.values.subarray(0, this.size);
  }
}

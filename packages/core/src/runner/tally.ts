import type { DataRecord } from '../contracts/record.js';
import { TunekitError } from '../errors.js';
import type { LedgerEntry } from '../run-folder/manifest.js';

/** Per-step counts behind the ledger: every record in must end out, rejected or discarded. */
export class Tally {
  in = 0;
  out = 0;
  rejected = 0;
  discarded = 0;
  ms = 0;
  readonly counters: Record<string, number> = {};
  readonly reports: Record<string, unknown> = {};
  /** Fan-out steps only: ids of inputs accounted for (made an output, or were rejected or discarded). */
  private readonly accounted: Set<string> | undefined;

  constructor(
    readonly step: string,
    readonly fanOut = false,
  ) {
    this.accounted = fanOut ? new Set() : undefined;
  }

  noteOutput(record: DataRecord): void {
    this.out++;
    if (!this.accounted) return;
    if (record.parents) for (const parent of record.parents) this.accounted.add(parent);
    else this.accounted.add(record.id);
  }

  noteOutputs(records: readonly DataRecord[]): void {
    if (!this.accounted) {
      this.out += records.length;
      return;
    }
    for (const record of records) this.noteOutput(record);
  }

  noteRejected(record: DataRecord): void {
    this.rejected++;
    this.accounted?.add(record.id);
  }

  noteDiscarded(record: DataRecord): void {
    this.discarded++;
    this.accounted?.add(record.id);
  }

  entry(): LedgerEntry {
    return { step: this.step, in: this.in, out: this.out, rejected: this.rejected, discarded: this.discarded };
  }

  /** Throws LEDGER_MISMATCH naming the step when records were lost or invented. */
  check(): void {
    const accountedFor = this.accounted ? this.accounted.size : this.out + this.rejected + this.discarded;
    if (accountedFor === this.in) return;
    const detail = this.accounted
      ? `${this.in} in, ${this.accounted.size} accounted for (outputs' parents + rejected + discarded)`
      : `${this.in} in ≠ ${this.out} out + ${this.rejected} rejected + ${this.discarded} discarded`;
    throw new TunekitError('LEDGER_MISMATCH', `step \`${this.step}\` lost or invented records: ${detail}`, {
      context: { step: this.step },
    });
  }
}

import type { DataRecord } from '../contracts/record.js';
import { TunekitError } from '../errors.js';
import type { LedgerEntry } from '../run-folder/manifest.js';

/** How an input of a fan-out step ended: not yet, as a whole (passed on, rejected or discarded as itself), or in pieces. */
type Ending = 'open' | 'whole' | 'pieces';

/** Per-step counts behind the ledger: every record in must end out, rejected or discarded. */
export class Tally {
  in = 0;
  out = 0;
  rejected = 0;
  discarded = 0;
  ms = 0;
  readonly counters: Record<string, number> = {};
  readonly reports: Record<string, unknown> = {};
  /** Fan-out steps only: how each input ended so far, by id. */
  private readonly inputs: Map<string, Ending> | undefined;
  /** Fan-out steps only: the first record that named an id no input has, or ended an input twice. */
  private problem: string | undefined;

  constructor(
    readonly step: string,
    readonly fanOut = false,
  ) {
    this.inputs = fanOut ? new Map() : undefined;
  }

  /** Counts records the step takes in (and, for a fan-out step, remembers their ids). */
  noteInputs(records: readonly DataRecord[]): void {
    this.in += records.length;
    if (this.inputs) for (const record of records) this.inputs.set(record.id, 'open');
  }

  noteOutput(record: DataRecord): void {
    this.out++;
    this.endPieces(record);
  }

  noteOutputs(records: readonly DataRecord[]): void {
    if (!this.inputs) {
      this.out += records.length;
      return;
    }
    for (const record of records) this.noteOutput(record);
  }

  noteRejected(record: DataRecord): void {
    this.rejected++;
    this.endPieces(record);
  }

  noteDiscarded(record: DataRecord): void {
    this.discarded++;
    this.endPieces(record);
  }

  /** A record with parents is a piece of each of them; one without ends the input of its id as a whole. */
  private endPieces(record: DataRecord): void {
    if (!this.inputs) return;
    if (record.parents) for (const parent of record.parents) this.end(parent, 'pieces', record.id);
    else this.end(record.id, 'whole', record.id);
  }

  private end(input: string, how: Ending, by: string): void {
    const so = this.inputs?.get(input);
    if (so === undefined) this.problem ??= `\`${by}\` names \`${input}\`, which is not one of its inputs`;
    else if (so === 'whole' || (so === 'pieces' && how === 'whole')) {
      this.problem ??= `\`${input}\` ended twice: as a whole and in pieces, or twice as a whole`;
    } else this.inputs?.set(input, how);
  }

  entry(): LedgerEntry {
    return { step: this.step, in: this.in, out: this.out, rejected: this.rejected, discarded: this.discarded };
  }

  /** Throws LEDGER_MISMATCH naming the step when records were lost or invented. */
  check(): void {
    const detail = this.inputs ? this.fanOutProblem() : this.countProblem();
    if (detail === undefined) return;
    throw new TunekitError('LEDGER_MISMATCH', `step \`${this.step}\` lost or invented records: ${detail}`, {
      context: { step: this.step },
    });
  }

  private countProblem(): string | undefined {
    if (this.in === this.out + this.rejected + this.discarded) return undefined;
    return `${this.in} in ≠ ${this.out} out + ${this.rejected} rejected + ${this.discarded} discarded`;
  }

  private fanOutProblem(): string | undefined {
    if (this.problem) return this.problem;
    let open = 0;
    let first: string | undefined;
    for (const [id, so] of this.inputs ?? []) {
      if (so !== 'open') continue;
      open++;
      first ??= id;
    }
    if (open === 0) return undefined;
    return `${open} of ${this.in} inputs neither made an output nor were rejected or discarded (the first: \`${first}\`)`;
  }
}

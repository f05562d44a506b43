import { type DataRecord, TunekitError } from '@tunekit/core';
import type { MissingField } from './template.js';

/** Records after which a field that none of them had stops the run (a smaller input is judged at its end). */
const JUDGE_AFTER = 1000;

/**
 * Notices a template slot that no record has: a typo such as `{{questoin}}`, or a column the file lacks. Each record
 * would otherwise be rejected on its own and the run would end with nothing written; it stops instead with one line
 * that names the slot and the fields the records do have, as soon as the first records show it.
 */
export class AbsentFieldWatch {
  private shaped = 0;
  private seen = 0;
  private readonly absent = new Map<string, number>();
  private fields: string[] = [];

  /**
   * `optionOf(field)`: the template option (`user`, `assistant`…) whose slot names the field. `early`: judge after the
   * first records too, for rows alike (a CSV's); records of several kinds (read-legal chunks of a folder of documents,
   * fields such as `footnotes` in some only) are judged at the end.
   */
  constructor(
    private readonly optionOf: (field: string) => string | undefined,
    private readonly early = true,
  ) {}

  shapedOne(): void {
    this.shaped++;
    this.seen++;
  }

  missed(record: DataRecord, error: MissingField, step: string): void {
    this.seen++;
    if (this.seen === 1 && record.data && typeof record.data === 'object') this.fields = Object.keys(record.data);
    if (!error.empty) this.absent.set(error.field, (this.absent.get(error.field) ?? 0) + 1);
    if (this.early && this.seen === JUDGE_AFTER) this.judge(step, false);
  }

  /** Throws when no record could be shaped and one field was absent from every record seen. */
  judge(step: string, atEnd: boolean): void {
    if (this.shaped > 0 || this.seen === 0) return;
    for (const [field, count] of this.absent) {
      if (count < this.seen) continue;
      const option = this.optionOf(field);
      const records = atEnd ? `${count === 1 ? 'the record' : `the ${count} records`}` : `the first ${count} records`;
      const fields = this.fields.length > 0 ? this.fields.join(', ') : 'none';
      throw new TunekitError(
        'OPTION_INVALID',
        `template field {{${field}}}${option ? ` of \`${option}\`` : ''} is in none of ${records}; their fields: ${fields}`,
        { context: { step, field: option } },
      );
    }
  }
}

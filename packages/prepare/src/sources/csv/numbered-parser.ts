import { Parser } from 'csv-parse';

/** A parsed row and the line it starts on. */
export interface NumberedRow {
  fields: string[];
  line: number;
}

function newlinesIn(fields: string[]): number {
  let count = 0;
  for (const field of fields) {
    let at = field.indexOf('\n');
    while (at !== -1) {
      count++;
      at = field.indexOf('\n', at + 1);
    }
  }
  return count;
}

/**
 * csv-parse that tags each row with the line it starts on. csv-parse's `info: true` does the same but copies its
 * whole info object for every row, which doubles the parse time; csv-parse's running line count is exact at the
 * moment a row is pushed (it is on the row's last line), so reading it there is enough.
 */
export class NumberedParser extends Parser {
  override push(row: unknown, encoding?: BufferEncoding): boolean {
    if (row === null) return super.push(null, encoding);
    const fields = row as string[];
    const numbered: NumberedRow = { fields, line: this.info.lines - newlinesIn(fields) };
    return super.push(numbered, encoding);
  }
}

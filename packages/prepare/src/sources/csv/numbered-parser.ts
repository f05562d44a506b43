import { type Options, Parser } from 'csv-parse';

/** A parsed row, the line it starts on and the line it ends on (after line breaks inside quotes). */
export interface NumberedRow {
  fields: string[];
  line: number;
  lastLine: number;
}

const NEWLINE = 10;
const RETURN = 13;

/** Counts the line feeds and carriage returns inside a row's fields. */
function breaksIn(fields: string[]): { newlines: number; returns: number } {
  let newlines = 0;
  let returns = 0;
  for (const field of fields) {
    if (field.indexOf('\n') === -1 && field.indexOf('\r') === -1) continue;
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === NEWLINE) newlines++;
      else if (c === RETURN) returns++;
    }
  }
  return { newlines, returns };
}

/**
 * csv-parse that tags each row with the line it starts on (lines counted by `\n`, or by `\r` in files whose lines end
 * with it alone, as editors and the quote guard count them). csv-parse's `info: true` gives its line count per row but copies its whole info object for every row,
 * which doubles the parse time; its running count is read here instead, at the moment a row is pushed (the row's last
 * line). That count advances on every `\r` and `\n` inside fields (a `\r\n` in a quoted field counts twice), so the
 * row's own breaks are subtracted, and the carriage returns seen in earlier rows are kept as a drift.
 */
export class NumberedParser extends Parser {
  /** Breaks inside earlier rows' fields that are no line ends (`\r`, or `\n` in a file whose lines end with `\r`). */
  private drift = 0;

  /** `carriageReturnLines()`: whether the file's lines end with a lone `\r` (asked once rows come). */
  constructor(
    options: Options,
    private readonly carriageReturnLines: () => boolean = () => false,
  ) {
    super(options);
  }

  override push(row: unknown, encoding?: BufferEncoding): boolean {
    if (row === null) return super.push(null, encoding);
    const fields = row as string[];
    const { newlines, returns } = breaksIn(fields);
    const line = this.info.lines - newlines - returns - this.drift;
    const carriageReturnLines = this.carriageReturnLines();
    this.drift += carriageReturnLines ? newlines : returns;
    const numbered: NumberedRow = { fields, line, lastLine: line + (carriageReturnLines ? returns : newlines) };
    return super.push(numbered, encoding);
  }
}

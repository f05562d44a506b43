/** A record whose quoting is broken: its first line is rejected and reading resumes on the next line. */
export interface BrokenRecord {
  line: number;
  reason: string;
  text: string;
}

const QUOTE = 34;
const NEWLINE = 10;
const RETURN = 13;

/**
 * Guards csv-parse against one unclosed quote swallowing the rest of a file. It scans the text for quoting (a field
 * that starts with `"` must end with `"` followed by a delimiter or a line end); when a record's quoting breaks, or a
 * quoted field runs past `maxRecordChars`, the record's first line is replaced by an empty line (so line numbers stay
 * exact) and scanning restarts on the line after it. Text comes out in whole records.
 */
export class QuoteGuard {
  private pending = '';
  private scanned = 0;
  private line = 1;
  private recordStart = 0;
  private recordStartLine = 1;
  private inQuote = false;
  private atFieldStart = true;

  constructor(
    private readonly delimiter: number,
    private readonly maxRecordChars: number,
    private readonly onBroken: (broken: BrokenRecord) => void,
  ) {}

  /** Adds text; returns the text of the records completed so far. */
  push(chunk: string): string {
    return this.scan(this.pending + chunk, false);
  }

  /** Ends the input; returns the remaining text. */
  end(): string {
    return this.scan(this.pending, true);
  }

  private scan(input: string, final: boolean): string {
    let text = input;
    let out = '';
    let i = this.scanned;
    let broken: string | undefined;
    while (i < text.length || (final && this.inQuote && broken === undefined)) {
      if (i >= text.length) {
        broken = 'quote not closed before the end of the file';
      } else {
        const c = text.charCodeAt(i);
        if (this.inQuote) {
          if (c === QUOTE) {
            if (i + 1 >= text.length && !final) break; // the next character decides
            const next = text.charCodeAt(i + 1);
            if (next === QUOTE) {
              i += 2;
              continue;
            }
            if (Number.isNaN(next) || next === this.delimiter || next === NEWLINE || next === RETURN) {
              this.inQuote = false;
              this.atFieldStart = false;
            } else {
              broken = 'a closing quote is followed by text instead of a delimiter or line end (unclosed quote?)';
            }
          } else if (c === NEWLINE) {
            this.line++;
            if (i - this.recordStart > this.maxRecordChars) {
              broken = `quoted field longer than ${this.maxRecordChars} characters (unclosed quote?)`;
            }
          }
        } else if (c === QUOTE && this.atFieldStart) {
          this.inQuote = true;
        } else if (c === NEWLINE) {
          this.line++;
          this.recordStart = i + 1;
          this.recordStartLine = this.line;
          this.atFieldStart = true;
        } else {
          this.atFieldStart = c === this.delimiter;
        }
      }
      if (broken !== undefined) {
        out += text.slice(0, this.recordStart);
        const lineEnd = text.indexOf('\n', this.recordStart);
        const end = lineEnd === -1 ? text.length : lineEnd;
        this.onBroken({ line: this.recordStartLine, reason: broken, text: text.slice(this.recordStart, end) });
        // Keep the broken line's newline: csv-parse then sees an empty line and its line count stays exact.
        text = text.slice(end);
        this.line = this.recordStartLine;
        this.recordStart = 0;
        this.inQuote = false;
        this.atFieldStart = true;
        broken = undefined;
        i = 0;
        continue;
      }
      i++;
    }
    out += text.slice(0, this.recordStart);
    this.pending = text.slice(this.recordStart);
    this.scanned = i - this.recordStart;
    this.recordStart = 0;
    if (final) {
      out += this.pending;
      this.pending = '';
      this.scanned = 0;
    }
    return out;
  }
}

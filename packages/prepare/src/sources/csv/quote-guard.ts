/** A record whose quoting is broken: its first line is rejected and reading resumes on the next line. */
export interface BrokenRecord {
  line: number;
  reason: string;
  text: string;
}

const QUOTE = 34;
const NEWLINE = 10;
const RETURN = 13;
const EMPTY = Buffer.alloc(0);

/** Characters (not bytes) of UTF-8 text: every byte that does not continue a multi-byte sequence starts one. */
function utf8Chars(bytes: Buffer, from: number, to: number): number {
  let chars = 0;
  for (let i = from; i < to; i++) if (((bytes[i] as number) & 0xc0) !== 0x80) chars++;
  return chars;
}

/**
 * The index of the next `a` or `b` byte from `from` (the length when there is none). A small function of its own so
 * that V8 optimizes it early and keeps it optimized (a long loop inside `scan` would run on-stack-replaced code that
 * deoptimizes on every exit).
 */
function nextOf(bytes: Buffer, from: number, a: number, b: number): number {
  const length = bytes.length;
  let i = from;
  while (i < length) {
    const c = bytes[i];
    if (c === a || c === b) return i;
    i++;
  }
  return length;
}

/**
 * Guards csv-parse against one unclosed quote swallowing the rest of a file. It scans UTF-8 bytes for quoting (a field
 * that starts with `"` must end with `"` followed by a delimiter or a line end); when a record's quoting breaks, or a
 * quoted field runs past `maxRecordChars`, the record's first line is replaced by an empty line (so line numbers stay
 * exact) and scanning restarts on the line after it. Bytes come out in whole records.
 *
 * Lines end with `\n` (or `\r\n`), or with a lone `\r` when that is how the file's first line ends.
 *
 * It works on bytes, not text, so that UTF-8 files reach csv-parse without being decoded twice: the bytes it looks for
 * are ASCII, and ASCII bytes never occur inside a multi-byte UTF-8 character. It runs beside csv-parse on every byte,
 * so it skips in tight loops to the next byte that can change its state.
 */
export class QuoteGuard {
  private pending: Buffer = EMPTY;
  private scanned = 0;
  private line = 1;
  private recordStartLine = 1;
  private inQuote = false;
  private atFieldStart = true;
  /** The byte that ends a line: `\n` (LF and CRLF files), or `\r` in files whose lines end with it alone (old Mac
   * exports); 0 until the first line end shows which. */
  private lineEnd = 0;
  private readonly delimiter: Buffer;

  constructor(
    delimiter: string,
    private readonly maxRecordChars: number,
    private readonly onBroken: (broken: BrokenRecord) => void,
  ) {
    this.delimiter = Buffer.from(delimiter, 'utf8');
  }

  /** Adds bytes; returns the bytes of the records completed so far. */
  push(chunk: Buffer): Buffer {
    return this.scan(this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]), false);
  }

  /** Ends the input; returns the remaining bytes. */
  end(): Buffer {
    return this.scan(this.pending, true);
  }

  /** Whether lines end with a lone `\r` (known once the first line end has been seen). */
  get carriageReturnLines(): boolean {
    return this.lineEnd === RETURN;
  }

  /** Sets `lineEnd` from the first line end in `text`; false while it cannot tell yet. */
  private detectLineEnd(text: Buffer, final: boolean): boolean {
    const at = nextOf(text, 0, NEWLINE, RETURN);
    // No line end yet, or a \r as the last byte so far: the next bytes tell (the first line is held until then).
    if ((at >= text.length || (text[at] === RETURN && at + 1 >= text.length)) && !final) return false;
    this.lineEnd = at < text.length && text[at] === RETURN && text[at + 1] !== NEWLINE ? RETURN : NEWLINE;
    return true;
  }

  /** True when a delimiter starts at `i` (compares all bytes of a multi-byte delimiter). */
  private delimiterAt(text: Buffer, i: number): boolean {
    const length = this.delimiter.length;
    return length === 1 ? text[i] === this.delimiter[0] : this.delimiter.compare(text, i, i + length) === 0;
  }

  private scan(input: Buffer, final: boolean): Buffer {
    if (this.lineEnd === 0 && !this.detectLineEnd(input, final)) {
      this.pending = input;
      return EMPTY;
    }
    const lineEnd = this.lineEnd;
    let text = input;
    let length = text.length;
    const out: Buffer[] = [];
    const delimiterStart = this.delimiter[0] as number;
    const delimiterLength = this.delimiter.length;
    const max = this.maxRecordChars;
    let i = this.scanned;
    let recordStart = 0;
    let { line, recordStartLine, inQuote, atFieldStart } = this;
    // Characters of the current record up to `countedTo`: bytes overcount characters, so they are counted only when
    // the bytes pass the limit, and incrementally.
    let countedTo = 0;
    let chars = 0;
    for (;;) {
      let broken: string | undefined;
      if (i >= length) {
        if (!final || !inQuote) break;
        broken = 'quote not closed before the end of the file';
      } else if (inQuote) {
        i = nextOf(text, i, QUOTE, lineEnd);
        if (i >= length) continue;
        if (text[i] === lineEnd) {
          line++;
          if (i - recordStart > max) {
            if (countedTo < recordStart) {
              countedTo = recordStart;
              chars = 0;
            }
            chars += utf8Chars(text, countedTo, i);
            countedTo = i;
            if (chars > max) broken = `quoted field longer than ${max} characters (unclosed quote?)`;
          }
        } else {
          if (i + delimiterLength >= length && !final) break; // the next bytes decide
          const next = text[i + 1];
          if (next === QUOTE) {
            i += 2;
            continue;
          }
          if (next === undefined || next === NEWLINE || next === RETURN || this.delimiterAt(text, i + 1)) {
            inQuote = false;
            atFieldStart = false;
          } else {
            broken = 'a closing quote is followed by text instead of a delimiter or line end (unclosed quote?)';
          }
        }
      } else if (atFieldStart && text[i] === QUOTE) {
        inQuote = true;
      } else {
        // Outside quotes only a line end or a delimiter matters (a quote inside a field is text).
        i = nextOf(text, i, lineEnd, delimiterStart);
        if (i >= length) {
          atFieldStart = false;
          continue;
        }
        if (text[i] === lineEnd) {
          line++;
          recordStart = i + 1;
          recordStartLine = line;
          atFieldStart = true;
        } else if (i + delimiterLength > length && !final) {
          break; // a multi-byte delimiter cut off at the end of the chunk
        } else if (delimiterLength === 1 || this.delimiterAt(text, i)) {
          i += delimiterLength - 1;
          atFieldStart = true;
        } else {
          atFieldStart = false;
        }
      }
      if (broken !== undefined) {
        const brokenEnd = text.indexOf(lineEnd, recordStart);
        if (brokenEnd === -1 && !final) {
          // The broken line is not all here yet: scan its record again when more bytes arrive.
          i = recordStart;
          line = recordStartLine;
          inQuote = false;
          atFieldStart = true;
          break;
        }
        out.push(text.subarray(0, recordStart));
        let end = brokenEnd === -1 ? length : brokenEnd;
        if (end > recordStart && text[end - 1] === RETURN) end--;
        this.onBroken({ line: recordStartLine, reason: broken, text: text.toString('utf8', recordStart, end) });
        // Keep the broken line's line end (\n, \r\n or \r): csv-parse then sees an empty line and counts it.
        text = text.subarray(end);
        length = text.length;
        line = recordStartLine;
        recordStart = 0;
        countedTo = 0;
        chars = 0;
        inQuote = false;
        atFieldStart = true;
        i = 0;
        continue;
      }
      i++;
    }
    out.push(text.subarray(0, recordStart));
    this.pending = text.subarray(recordStart);
    this.scanned = i - recordStart;
    this.line = line;
    this.recordStartLine = recordStartLine;
    this.inQuote = inQuote;
    this.atFieldStart = atFieldStart;
    if (final) {
      out.push(this.pending);
      this.pending = EMPTY;
      this.scanned = 0;
    }
    return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
  }
}

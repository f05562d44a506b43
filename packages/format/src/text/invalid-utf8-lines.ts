import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';

const CHUNK_BYTES = 1 << 20;
const EMPTY = Buffer.alloc(0);

/**
 * How many bytes at the end of `bytes` to hold back because they may start a character the next read completes: from
 * the last byte that is not a continuation byte, when it leads a multi-byte character. Cutting there splits a valid
 * line only between characters, so each side is valid exactly when the whole is.
 */
function heldBack(bytes: Buffer): number {
  for (let back = 1; back <= 4 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) !== 0x80) return byte >= 0x80 ? back : 0;
  }
  return 0; // four continuation bytes in a row: invalid whatever follows
}

/**
 * The lines of a file whose bytes are not valid UTF-8. Text decoded as UTF-8 shows an invalid byte as U+FFFD, which is
 * also a character a valid file may hold (bytes EF BF BD): only the bytes tell the two apart. The file is read a
 * megabyte at a time, only as far as asked; whole stretches are checked by Node's native validator, and only a failing
 * one line by line. Lines are asked in increasing order, so the file is read at most once; no line is held whole.
 */
export class InvalidUtf8Lines {
  private readonly lineBreak: number;
  private position = 0;
  private ended = false;
  /** Complete lines read so far. */
  private lines = 0;
  /** The unchecked end of the current line: a character the last read may have cut. */
  private tail: Buffer = EMPTY;
  private lineStarted = false;
  /** The current line has already failed (and is listed). */
  private lineFailed = false;
  /** Failing lines found and not yet passed by a question, from `next`. */
  private failed: number[] = [];
  private next = 0;

  /** `lineBreak`: what ends a line, `\n` (also for `\r\n`) or a lone `\r` (classic Mac OS files). */
  constructor(
    private readonly path: string,
    lineBreak: '\n' | '\r' = '\n',
  ) {
    this.lineBreak = lineBreak.charCodeAt(0);
  }

  /** The first line from `from` on that is not UTF-8, looking no further than line `upTo`; undefined when none. */
  async firstFrom(from: number, upTo = Number.POSITIVE_INFINITY): Promise<number | undefined> {
    for (;;) {
      while (this.next < this.failed.length && (this.failed[this.next] as number) < from) this.next++;
      const found = this.failed[this.next];
      if (found !== undefined) return found <= upTo ? found : undefined;
      this.failed = [];
      this.next = 0;
      if (this.lines >= upTo || this.ended) return undefined;
      await this.read();
    }
  }

  /** Whether any of lines `first` to `last` is not UTF-8. */
  async anyIn(first: number, last = first): Promise<boolean> {
    return (await this.firstFrom(first, last)) !== undefined;
  }

  private async read(): Promise<void> {
    const handle = await open(this.path, 'r');
    let chunk: Buffer;
    try {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, this.position);
      chunk = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    if (chunk.length === 0) this.end();
    else {
      this.position += chunk.length;
      this.take(chunk);
    }
  }

  private take(chunk: Buffer): void {
    const bytes = this.tail.length === 0 ? chunk : Buffer.concat([this.tail, chunk]);
    const lastBreak = bytes.lastIndexOf(this.lineBreak);
    if (lastBreak !== -1) {
      const whole = bytes.subarray(0, lastBreak + 1);
      if (!this.lineFailed && isUtf8(whole)) this.lines += this.breaksIn(whole);
      else this.checkLines(whole);
      this.lineFailed = false;
    }
    const rest = bytes.subarray(lastBreak + 1);
    this.lineStarted = rest.length > 0;
    const held = this.lineFailed ? 0 : heldBack(rest);
    if (!this.lineFailed && !isUtf8(rest.subarray(0, rest.length - held))) this.fail();
    this.tail = this.lineFailed ? EMPTY : Buffer.from(rest.subarray(rest.length - held));
  }

  /** Line by line: the first one continues the current line, listed already if it failed before. */
  private checkLines(whole: Buffer): void {
    let start = 0;
    for (let end = whole.indexOf(this.lineBreak); end !== -1; end = whole.indexOf(this.lineBreak, start)) {
      if (!(start === 0 && this.lineFailed) && !isUtf8(whole.subarray(start, end))) this.failed.push(this.lines + 1);
      this.lines++;
      start = end + 1;
    }
  }

  private breaksIn(whole: Buffer): number {
    let breaks = 0;
    for (let at = whole.indexOf(this.lineBreak); at !== -1; at = whole.indexOf(this.lineBreak, at + 1)) breaks++;
    return breaks;
  }

  private fail(): void {
    this.lineFailed = true;
    this.failed.push(this.lines + 1);
  }

  /** The end of the file: a character cut off there is invalid; a last line without a line break still counts. */
  private end(): void {
    if (!this.lineFailed && !isUtf8(this.tail)) this.fail();
    if (this.lineStarted) this.lines++;
    this.tail = EMPTY;
    this.ended = true;
  }
}

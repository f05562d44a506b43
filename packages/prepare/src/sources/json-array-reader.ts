import { INVALID, JsonScanner, NEED_MORE } from './json-scan.js';

/** How a character of the decoded text maps to bytes of the file, for byte offsets; 'none': no offsets. */
export type ByteUnits = 'utf8' | 'utf16' | 'none';

export interface ElementEvent {
  kind: 'element';
  value: unknown;
  index: number;
  /** Line (1-based) and byte offset (0-based, when known) of the element's first character. */
  line: number;
  offset?: number;
  /** The line of its last character. */
  lastLine: number;
  /** Its JSON as decoded (a U+FFFD here may be a byte the decoder could not read; `\ufffd` in a string is not). */
  text: string;
}

export interface SyntaxEvent {
  kind: 'syntax';
  /** What is wrong, e.g. "expected ',' or ']'". */
  message: string;
  line: number;
  /** 1-based, in UTF-16 code units of the line. */
  column: number;
  offset?: number;
  /** The text from the error on (up to 40 characters). */
  near: string;
  /** Elements of the array read before the error. */
  elements: number;
  /** Before the array started, inside it, or after it ended. */
  where: 'before' | 'in' | 'after';
  /** The element the error is inside, when it is inside one. */
  element?: { index: number; line: number; offset?: number };
}

/** The document holds no array where it should: a user error, not a row. */
export interface PathEvent {
  kind: 'path';
  message: string;
}

export interface EndEvent {
  kind: 'end';
  elements: number;
}

export type ReaderEvent = ElementEvent | SyntaxEvent | PathEvent | EndEvent;

const OBJECT = 0;
const ARRAY = 1;
const TARGET = 2;
// What a frame expects next.
const FIRST = 0; // a key, a value or the closing bracket
const ITEM = 1; // after ',': a key or a value
const COLON = 2;
const VALUE = 3; // the value after a key's colon
const NEXT = 4; // ',' or the closing bracket

interface Frame {
  type: number;
  path: string;
  phase: number;
  /** Arrays on the path: the index of the current element. */
  index: number;
  /** Objects on the path: the path of the value after the current key. */
  child: string;
}

const WAIT = Symbol('wait');
type Step = ReaderEvent | typeof WAIT | undefined;

function kindOf(code: number): string | undefined {
  if (code === 0x7b) return 'an object';
  if (code === 0x5b) return 'an array';
  if (code === 0x22) return 'a string';
  if (code === 0x2d || (code >= 0x30 && code <= 0x39)) return 'a number';
  if (code === 0x74 || code === 0x66) return 'a boolean';
  if (code === 0x6e) return 'null';
  return undefined;
}

/**
 * Reads the elements of a JSON array (the document, or the array at a dotted path such as `data.items`; numbers
 * in the path index arrays) from text pushed in chunks, checking the whole document's syntax. Every element
 * complete before a syntax error is returned before the error, which comes with its line, column and byte offset.
 *
 * Each element's text is checked by `JsonScanner` and built by `JSON.parse`. An element cut by the end of a chunk
 * is scanned again from its start when more text has come, once the text held has doubled, so a huge element
 * costs at most about twice its length. Values outside the path are checked the same way and dropped.
 */
export class JsonArrayReader {
  private buf = '';
  private pos = 0; // everything before it is read
  private base = 0; // the absolute position of buf[0]
  private final = false;
  private finished = false;
  private line = 1;
  private lineStart = 0; // absolute position of the first character of the current line
  private extraBytes = 0; // UTF-8 bytes beyond one a character, of the text before pos
  private wantLength = 0; // after NEED_MORE: scan again once buf holds this many characters from pos
  private readonly frames: Frame[] = [];
  private rootDone = false;
  private state: 'before' | 'in' | 'after' = 'before';
  private elements = 0;
  private deepest: { path: string; kind: string } | undefined;
  private readonly scanner = new JsonScanner();

  /**
   * @param at dotted path of the array, or undefined for the document itself
   * @param units how characters map to bytes of the file, for offsets
   * @param bom bytes of a byte-order mark before the text (stripped by the decoder)
   */
  constructor(
    private readonly at: string | undefined,
    private readonly units: ByteUnits = 'utf8',
    private readonly bom = 0,
  ) {}

  push(text: string): void {
    if (this.pos > 0) {
      this.buf = this.buf.slice(this.pos) + text;
      this.base += this.pos;
      this.pos = 0;
    } else {
      this.buf += text;
    }
  }

  /** No more text will come. */
  end(): void {
    this.final = true;
  }

  /** The next event, or undefined when more text is needed (or after the last event). */
  next(): ReaderEvent | undefined {
    if (this.finished) return undefined;
    if (!this.final && this.buf.length - this.pos < this.wantLength) return undefined;
    for (;;) {
      const step = this.step();
      if (step === WAIT) return undefined;
      if (step !== undefined) {
        if (step.kind !== 'element') this.finished = true;
        return step;
      }
    }
  }

  private step(): Step {
    const buf = this.buf;
    let i = this.pos;
    // Whitespace (only whitespace outside strings holds line breaks).
    while (i < buf.length) {
      const c = buf.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
      else if (c === 0x0a) {
        this.line++;
        this.lineStart = this.base + ++i;
      } else break;
    }
    this.pos = i;
    if (i >= buf.length) {
      if (!this.final) return WAIT;
      if (this.rootDone) {
        return this.state === 'after' ? { kind: 'end', elements: this.elements } : this.missing();
      }
      return this.syntax(i, this.base + i === 0 ? 'the file is empty' : 'unexpected end of file');
    }
    const c = buf.charCodeAt(i);
    const frame = this.frames[this.frames.length - 1];
    if (frame === undefined) {
      if (this.rootDone) return this.syntax(i, 'unexpected text after the end of the JSON document');
      return this.value('', i, c);
    }
    const close = frame.type === OBJECT ? 0x7d : 0x5d;
    switch (frame.phase) {
      case NEXT:
        if (c === 0x2c) {
          this.pos = i + 1;
          frame.phase = ITEM;
          frame.index++;
          return undefined;
        }
        if (c === close) return this.close(i);
        return this.syntax(i, frame.type === OBJECT ? "expected ',' or '}'" : "expected ',' or ']'");
      case COLON:
        if (c !== 0x3a) return this.syntax(i, "expected ':' after a key");
        this.pos = i + 1;
        frame.phase = VALUE;
        return undefined;
      case VALUE:
        return this.value(frame.child, i, c);
    }
    // FIRST or ITEM
    if (c === 0x5d || c === 0x7d) {
      if (frame.phase === FIRST && c === close) return this.close(i);
      const wanted = frame.type === OBJECT ? 'a key' : 'a value';
      return this.syntax(
        i,
        frame.phase === ITEM ? `expected ${wanted} after ',' (a trailing comma?)` : `expected ${wanted}`,
      );
    }
    if (frame.type === TARGET) return this.element(i);
    if (frame.type === ARRAY)
      return this.value(frame.path === '' ? `${frame.index}` : `${frame.path}.${frame.index}`, i, c);
    // A key of an object on the path.
    if (c !== 0x22) return this.syntax(i, 'expected a key in double quotes');
    const end = this.scanner.string(buf, i, this.final);
    if (end < 0) return this.failed(end);
    const text = buf.slice(i, end);
    const key = JSON.parse(text) as string;
    this.consumed(text, end);
    frame.child = frame.path === '' ? key : `${frame.path}.${key}`;
    frame.phase = COLON;
    return undefined;
  }

  /** A value whose path is `path`, starting at buf[i] = c: the array, a container on the way to it, or one to skip. */
  private value(path: string, i: number, c: number): Step {
    const onPath = this.state === 'before' && this.at !== undefined && (path === '' || this.at.startsWith(`${path}.`));
    if (this.state === 'before' && (this.at === undefined ? path === '' : path === this.at)) {
      const kind = kindOf(c);
      if (kind === undefined) return this.syntax(i, 'expected a value');
      if (c !== 0x5b) {
        return { kind: 'path', message: `expected an array${this.at ? ` at "${this.at}"` : ''}, found ${kind}` };
      }
      this.open(TARGET, path, i);
      this.state = 'in';
      return undefined;
    }
    if (onPath && (c === 0x7b || c === 0x5b)) {
      this.reached(path, kindOf(c)!);
      this.open(c === 0x7b ? OBJECT : ARRAY, path, i);
      return undefined;
    }
    const end = this.scanner.value(this.buf, i, this.final);
    if (end < 0) return this.failed(end);
    if (onPath) this.reached(path, kindOf(c)!);
    this.consumed(this.units === 'utf8' ? this.buf.slice(i, end) : undefined, end);
    this.completed();
    return undefined;
  }

  private element(i: number): Step {
    const end = this.scanner.value(this.buf, i, this.final);
    if (end < 0) return this.failed(end, { index: this.elements, line: this.line, offset: this.offsetAt(i) });
    const text = this.buf.slice(i, end);
    const line = this.line;
    const offset = this.offsetAt(i);
    this.consumed(text, end);
    const event: ElementEvent = {
      kind: 'element',
      value: JSON.parse(text),
      index: this.elements++,
      line,
      offset,
      lastLine: this.line,
      text,
    };
    this.frames[this.frames.length - 1]!.phase = NEXT;
    return event;
  }

  private open(type: number, path: string, i: number): void {
    this.frames.push({ type, path, phase: FIRST, index: 0, child: '' });
    this.pos = i + 1;
  }

  private close(i: number): Step {
    const frame = this.frames.pop()!;
    this.pos = i + 1;
    if (frame.type === TARGET) this.state = 'after';
    this.completed();
    return undefined;
  }

  private completed(): void {
    const parent = this.frames[this.frames.length - 1];
    if (parent) parent.phase = NEXT;
    else this.rootDone = true;
  }

  /** The scanned text before `end` is read: line count and byte offset move past it. */
  private consumed(text: string | undefined, end: number): void {
    const scanner = this.scanner;
    if (scanner.newlines > 0) {
      this.line += scanner.newlines;
      this.lineStart = this.base + scanner.lastLineStart;
    }
    if (text !== undefined && this.units === 'utf8') this.extraBytes += Buffer.byteLength(text) - text.length;
    this.pos = end;
    this.wantLength = 0;
  }

  private failed(code: number, element?: SyntaxEvent['element']): Step {
    if (code === NEED_MORE) {
      this.wantLength = 2 * (this.buf.length - this.pos);
      return WAIT;
    }
    if (code !== INVALID) throw new Error(`unexpected scan result ${code}`);
    return this.syntax(this.scanner.errorAt, this.scanner.errorMessage, element);
  }

  private reached(path: string, kind: string): void {
    if (this.deepest === undefined || path.length >= this.deepest.path.length) this.deepest = { path, kind };
  }

  private missing(): PathEvent {
    const at = this.at ?? '';
    const deepest = this.deepest ?? { path: '', kind: 'empty' };
    const name = deepest.path === '' ? 'the document' : `"${deepest.path}"`;
    const next = at.slice(deepest.path === '' ? 0 : deepest.path.length + 1).split('.')[0];
    const why =
      deepest.kind === 'an object'
        ? `${name} has no key "${next}"`
        : deepest.kind === 'an array'
          ? `${name} is an array${/^\d+$/.test(next ?? '') ? ` with no element ${next}` : ', not an object'}`
          : `${name} is ${deepest.kind}`;
    return { kind: 'path', message: `no "${at}" in the file: ${why}` };
  }

  /** The byte offset of buf[i], i at or after pos. */
  private offsetAt(i: number): number | undefined {
    if (this.units === 'none') return undefined;
    const at = this.base + i;
    if (this.units === 'utf16') return this.bom + 2 * at;
    const pending = i > this.pos ? this.buf.slice(this.pos, i) : '';
    return this.bom + at + this.extraBytes + Buffer.byteLength(pending) - pending.length;
  }

  private syntax(i: number, message: string, element?: SyntaxEvent['element']): SyntaxEvent {
    // Lines between the last read position and the error.
    let line = this.line;
    let lineStart = this.lineStart;
    for (let k = this.buf.indexOf('\n', this.pos); k !== -1 && k < i; k = this.buf.indexOf('\n', k + 1)) {
      line++;
      lineStart = this.base + k + 1;
    }
    const event: SyntaxEvent = {
      kind: 'syntax',
      message,
      line,
      column: this.base + i - lineStart + 1,
      near: this.buf.slice(i, i + 40),
      elements: this.elements,
      where: this.state,
    };
    const offset = this.offsetAt(i);
    if (offset !== undefined) event.offset = offset;
    if (element) event.element = element;
    return event;
  }
}

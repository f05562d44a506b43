/** `value` and `string` found no end yet: the text stops inside the value (more may come). */
export const NEED_MORE = -1;
/** `value` and `string` found a syntax error: `errorAt` and `errorMessage` say where and what. */
export const INVALID = -2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const NUMBER_CHAR = /[-+.\deE]/y;
const NUMBER_TAIL = /^[-+.\deE]*$/;
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'].map((c) => c.charCodeAt(0)));

function isHex(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

// Where a scan stands inside a value.
const VALUE = 0;
const KEY = 1;
const AFTER = 2;
// What an open container is.
const IN_ARRAY = 0;
const IN_OBJECT = 1;

/**
 * Finds where a JSON value ends in text that may still be arriving, checking its syntax on the way (so `JSON.parse`
 * of the slice cannot fail and a broken value is located to the character). A scan is all or nothing: on
 * `NEED_MORE` the caller scans the same start again once more text has arrived. `final` says no more will.
 */
export class JsonScanner {
  errorAt = 0;
  errorMessage = '';
  /** Line breaks inside the last value scanned (only whitespace between tokens can hold them). */
  newlines = 0;
  /** Index just after the last of those line breaks; -1 when there were none. */
  lastLineStart = -1;
  private readonly stack: number[] = [];

  /** The index just past the value starting at `start` (a non-blank character), or NEED_MORE, or INVALID. */
  value(text: string, start: number, final: boolean): number {
    const stack = this.stack;
    const n = text.length;
    stack.length = 0;
    this.newlines = 0;
    this.lastLineStart = -1;
    let i = start;
    let state = VALUE;
    let afterComma = false;
    for (;;) {
      // Whitespace between tokens.
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === SPACE || c === TAB || c === CR) i++;
        else if (c === LF) {
          this.newlines++;
          this.lastLineStart = ++i;
        } else break;
      }
      if (i >= n) return this.more(n, final);
      const c = text.charCodeAt(i);
      if (state === AFTER) {
        if (stack.length === 0) return i;
        const top = stack[stack.length - 1];
        if (c === COMMA) {
          i++;
          state = top === IN_OBJECT ? KEY : VALUE;
          afterComma = true;
        } else if (c === (top === IN_OBJECT ? CLOSE_BRACE : CLOSE_BRACKET)) {
          i++;
          stack.pop();
          if (stack.length === 0) return i;
        } else {
          return this.fail(i, top === IN_OBJECT ? "expected ',' or '}'" : "expected ',' or ']'");
        }
        continue;
      }
      if (state === KEY) {
        if (c !== QUOTE) {
          return this.fail(
            i,
            afterComma && c === CLOSE_BRACE
              ? "expected a key after ',' (a trailing comma?)"
              : 'expected a key in double quotes',
          );
        }
        const end = this.string(text, i, final);
        if (end < 0) return end;
        i = end;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === SPACE || d === TAB || d === CR) i++;
          else if (d === LF) {
            this.newlines++;
            this.lastLineStart = ++i;
          } else break;
        }
        if (i >= n) return this.more(n, final);
        if (text.charCodeAt(i) !== COLON) return this.fail(i, "expected ':' after a key");
        i++;
        state = VALUE;
        afterComma = false;
        continue;
      }
      // state === VALUE
      if (c === QUOTE) {
        const end = this.string(text, i, final);
        if (end < 0) return end;
        i = end;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === SPACE || d === TAB || d === CR) i++;
          else if (d === LF) {
            this.newlines++;
            this.lastLineStart = ++i;
          } else break;
        }
        if (i >= n) return this.more(n, final);
        if (text.charCodeAt(i) === (c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) {
          i++; // an empty container is a complete value
        } else {
          stack.push(c === OPEN_BRACE ? IN_OBJECT : IN_ARRAY);
          state = c === OPEN_BRACE ? KEY : VALUE;
          afterComma = false;
          continue;
        }
      } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
        const end = this.number(text, i, final);
        if (end < 0) return end;
        i = end;
      } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
        const literal = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
        if (text.startsWith(literal, i)) i += literal.length;
        else if (n - i < literal.length && literal.startsWith(text.slice(i))) return this.more(n, final);
        else return this.fail(i, 'expected a value');
      } else {
        return this.fail(
          i,
          afterComma && (c === CLOSE_BRACKET || c === CLOSE_BRACE)
            ? "expected a value after ',' (a trailing comma?)"
            : 'expected a value',
        );
      }
      if (stack.length === 0) return i;
      state = AFTER;
    }
  }

  /** The index just past the string starting at `start` (its opening quote), or NEED_MORE, or INVALID. */
  string(text: string, start: number, final: boolean): number {
    const n = text.length;
    let i = start + 1;
    for (;;) {
      if (i >= n) return this.more(n, final);
      const c = text.charCodeAt(i);
      if (c === QUOTE) return i + 1;
      if (c === BACKSLASH) {
        if (i + 1 >= n) return this.more(n, final);
        const e = text.charCodeAt(i + 1);
        if (e === 0x75) {
          for (let k = i + 2; k < i + 6; k++) {
            if (k >= n) return this.more(n, final);
            if (!isHex(text.charCodeAt(k))) return this.fail(i, 'invalid \\u escape in a string');
          }
          i += 6;
        } else if (SIMPLE_ESCAPES.has(e)) {
          i += 2;
        } else {
          return this.fail(i, 'invalid escape in a string');
        }
        continue;
      }
      if (c < SPACE) {
        return this.fail(
          i,
          c === LF || c === CR
            ? 'a line break inside a string (a missing closing quote?)'
            : `control character U+${c.toString(16).padStart(4, '0').toUpperCase()} inside a string`,
        );
      }
      i++;
    }
  }

  private number(text: string, start: number, final: boolean): number {
    NUMBER.lastIndex = start;
    const match = NUMBER.exec(text);
    const end = match ? start + match[0].length : start;
    if (end >= text.length) {
      // "12" or "-" at the end of the text so far: the number may go on.
      return final && match ? end : this.more(text.length, final);
    }
    NUMBER_CHAR.lastIndex = end;
    if (!match || NUMBER_CHAR.test(text)) {
      // "-x", "01", "1.", "1e+": a number that is not one, unless the text so far ends inside a number being written.
      if (!final && NUMBER_TAIL.test(text.slice(end))) return NEED_MORE;
      return this.fail(start, 'invalid number');
    }
    return end;
  }

  private more(at: number, final: boolean): number {
    return final ? this.fail(at, 'unexpected end of file') : NEED_MORE;
  }

  private fail(at: number, message: string): number {
    this.errorAt = at;
    this.errorMessage = message;
    return INVALID;
  }
}

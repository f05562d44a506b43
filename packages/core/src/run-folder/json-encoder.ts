/** Where `encodeJson` writes: a buffer it fills from `offset`, and the means to make room. */
export interface JsonSink {
  buffer: Buffer;
  offset: number;
  /** Makes room for `bytes` more bytes at `offset` (hands on what the buffer holds); `bytes` ≤ the buffer's size. */
  reserve(bytes: number): void;
  /** Writes text too long for any buffer. */
  large(text: string): void;
}

/** Characters JSON.stringify writes escaped (quote, backslash, controls) or checks (surrogates): the slow path. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes exactly these control characters.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const QUOTE = 34;
const keyBytes = new Map<string, Uint8Array>();
const MAX_KEYS = 1024;
const MAX_DEPTH = 512;

/**
 * Writes exactly the bytes of `JSON.stringify(value)` into the sink without building the string: a line of 1 KB
 * made this way leaves no garbage, where the string would be the largest allocation of a run's main thread. Follows
 * the spec's SerializeJSONProperty (toJSON, wrapper objects, skipped undefined/function/symbol members, null for
 * non-finite numbers); values it does not expect go through JSON.stringify itself, so errors (BigInt, cycles) are
 * JSON.stringify's. Returns false when `value` serialises to nothing (undefined, a function, a symbol).
 */
export function encodeJson(sink: JsonSink, value: unknown, key = '', depth = 0): boolean {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON(key: string): unknown }).toJSON(key);
  }
  if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();
  if (v === null) return ascii(sink, 'null');
  switch (typeof v) {
    case 'string':
      string(sink, v);
      return true;
    case 'number':
      return ascii(sink, Number.isFinite(v) ? String(v) : 'null');
    case 'boolean':
      return ascii(sink, v ? 'true' : 'false');
    case 'undefined':
    case 'function':
    case 'symbol':
      return false;
    case 'object':
      // Deeper than any data line: a cycle, most likely; JSON.stringify names it in its error.
      if (depth > MAX_DEPTH) return (utf8(sink, JSON.stringify(v)), true);
      if (Array.isArray(v)) array(sink, v, depth);
      else object(sink, v as Record<string, unknown>, depth);
      return true;
    default: {
      // bigint: JSON.stringify throws the error users would expect (or uses a BigInt.prototype.toJSON).
      const text = JSON.stringify(v) as string | undefined;
      if (text === undefined) return false;
      utf8(sink, text);
      return true;
    }
  }
}

function array(sink: JsonSink, items: unknown[], depth: number): void {
  byte(sink, 0x5b);
  for (let i = 0; i < items.length; i++) {
    if (i > 0) byte(sink, 0x2c);
    if (!encodeJson(sink, items[i], String(i), depth + 1)) ascii(sink, 'null');
  }
  byte(sink, 0x5d);
}

const hasOwn = Object.prototype.hasOwnProperty;

function object(sink: JsonSink, members: Record<string, unknown>, depth: number): void {
  byte(sink, 0x7b);
  let first = true;
  // for-in with hasOwnProperty visits the own enumerable keys in Object.keys order without allocating their array.
  for (const name in members) {
    if (!hasOwn.call(members, name)) continue;
    const member = members[name];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    if (!first) byte(sink, 0x2c);
    first = false;
    memberName(sink, name);
    encodeJson(sink, member, name, depth + 1);
  }
  byte(sink, 0x7d);
}

function byte(sink: JsonSink, value: number): void {
  sink.reserve(1);
  sink.buffer[sink.offset++] = value;
}

function ascii(sink: JsonSink, text: string): true {
  sink.reserve(text.length);
  for (let i = 0; i < text.length; i++) sink.buffer[sink.offset++] = text.charCodeAt(i);
  return true;
}

/** Text that is already JSON (or raw UTF-8 with no escapes), written as UTF-8. */
function utf8(sink: JsonSink, text: string): void {
  const most = text.length * 3;
  if (most > sink.buffer.length) {
    sink.large(text);
    return;
  }
  sink.reserve(most);
  sink.offset += sink.buffer.write(text, sink.offset, 'utf8');
}

function string(sink: JsonSink, text: string): void {
  if (NEEDS_ESCAPE.test(text)) {
    utf8(sink, JSON.stringify(text));
    return;
  }
  if (text.length * 3 + 2 > sink.buffer.length) {
    sink.large(`"${text}"`);
    return;
  }
  sink.reserve(text.length * 3 + 2);
  sink.buffer[sink.offset++] = QUOTE;
  sink.offset += sink.buffer.write(text, sink.offset, 'utf8');
  sink.buffer[sink.offset++] = QUOTE;
}

/** `"name":`, remembered as bytes for the names that repeat on every line. */
function memberName(sink: JsonSink, name: string): void {
  let bytes = keyBytes.get(name);
  if (!bytes) {
    bytes = Buffer.from(`${JSON.stringify(name)}:`, 'utf8');
    if (bytes.length > 64) {
      utf8(sink, `${JSON.stringify(name)}:`);
      return;
    }
    if (keyBytes.size >= MAX_KEYS) keyBytes.clear();
    keyBytes.set(name, bytes);
  }
  sink.reserve(bytes.length);
  for (let i = 0; i < bytes.length; i++) sink.buffer[sink.offset++] = bytes[i]!;
}

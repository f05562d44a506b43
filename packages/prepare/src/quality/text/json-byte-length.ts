/** Characters JSON.stringify writes as escapes, and surrogates (a pair is 4 UTF-8 bytes, a lone one an escape). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes exactly these control characters.
const NEEDS_SCAN = /["\\\u0000-\u001f\ud800-\udfff]/;

function stringBytes(text: string): number {
  if (!NEEDS_SCAN.test(text)) return Buffer.byteLength(text, 'utf8') + 2;
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code < 0x20) bytes += code === 8 || code === 9 || code === 10 || code === 12 || code === 13 ? 2 : 6;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 6;
    } else if (code >= 0xdc00 && code <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

/** What JSON.stringify leaves out of an object (and writes as `null` in an array). */
const omitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * `Buffer.byteLength(JSON.stringify(value))` without building the string: the size of a training line counts towards
 * the file limit, and stringifying every line only to measure it was a tenth of the main thread's work. Values that
 * are not plain JSON data (toJSON, bigint, class instances) are measured by stringifying them.
 */
export function jsonByteLength(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return stringBytes(value);
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'object': {
      if (value === null) return 4;
      if (Array.isArray(value)) {
        let bytes = 1 + Math.max(value.length - 1, 0) + 1;
        for (const item of value) bytes += omitted(item) ? 4 : jsonByteLength(item);
        return bytes;
      }
      const prototype = Object.getPrototypeOf(value);
      if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in value) break;
      let bytes = 2;
      let members = 0;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const item = (value as Record<string, unknown>)[key];
        if (omitted(item)) continue;
        bytes += stringBytes(key) + 1 + jsonByteLength(item);
        members++;
      }
      return bytes + Math.max(members - 1, 0);
    }
  }
  const text = JSON.stringify(value);
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

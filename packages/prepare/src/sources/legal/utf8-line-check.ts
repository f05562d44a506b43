import { isUtf8 } from 'node:buffer';

/** The lines (1-based, split at `\n`) whose bytes are not UTF-8, and the first line holding any non-ASCII byte. */
export function invalidUtf8Lines(bytes: Buffer): { invalid: number[]; firstNonAscii: number | undefined } {
  const invalid: number[] = [];
  let firstNonAscii: number | undefined;
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    const content = bytes.subarray(start, end);
    if (firstNonAscii === undefined && content.some((byte) => byte >= 0x80)) firstNonAscii = line;
    if (!isUtf8(content)) invalid.push(line);
    start = end + 1;
  }
  return { invalid, firstNonAscii };
}

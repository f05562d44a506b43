import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { detectEncoding, isUtf8Encoding } from '../text-encoding.js';
import { invalidUtf8Lines } from './utf8-line-check.js';

const SNIFF_CHARS = 8000;

/** C0 controls other than tab, line and form feeds, and the replacement character of undecodable bytes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: counting control characters is the point
const NOT_TEXT = /[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/g;
/** The same without U+FFFD, for valid UTF-8, where every U+FFFD is a character of the text (bytes EF BF BD). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: counting control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000e-\u001f]/g;

/** A document whose first line with non-ASCII text does not decode: it is text in another encoding. */
export class NotInEncoding extends Error {
  constructor(
    readonly line: number,
    readonly encoding: string,
    readonly readsAs: string,
  ) {
    super(`not valid ${encoding} text at line ${line}: the file reads as ${readsAs}`);
  }
}

export interface DecodedDocument {
  text: string;
  /** Lines (1-based) of a UTF-8 document whose bytes are not UTF-8 (their text holds U+FFFD in their place). */
  invalidLines: number[];
}

const notTextShare = (text: string, pattern: RegExp) => (text.match(pattern)?.length ?? 0) / Math.max(1, text.length);

/**
 * Decodes a document's bytes in the given encoding or the detected one, or throws when they are not text: NUL bytes
 * outside UTF-16 (which writes every ASCII character with one), a tenth of control characters or undecodable bytes,
 * or UTF-16 guessed (not given) without a BOM that decodes to a single line (a few NUL bytes all at odd or all at even places, as in a
 * small binary file, look like UTF-16 without being text).
 */
export function decodeDocument(bytes: Buffer, given?: string): DecodedDocument {
  const sample = bytes.subarray(0, 64 * 1024);
  const encoding = given ?? detectEncoding(sample);
  const utf16 = encoding.toLowerCase().replace(/[-_]/g, '').replace('ucs2', 'utf16').startsWith('utf16');
  if (!utf16 && bytes.subarray(0, SNIFF_CHARS).includes(0)) throw new Error('binary file (contains NUL bytes)');
  const text = iconv.decode(bytes, encoding);
  const head = text.slice(0, SNIFF_CHARS);
  const utf8 = isUtf8Encoding(encoding);
  const invalid = utf8 && !isUtf8(bytes) ? invalidUtf8Lines(bytes) : undefined;
  if (invalid && invalid.invalid[0] === invalid.firstNonAscii) {
    // Its first non-ASCII line already fails: text in another encoding (GBK read as UTF-8) when another reads it.
    const other = detectEncoding(sample);
    const otherHead = iconv.decode(sample, other).slice(0, SNIFF_CHARS);
    if (!isUtf8Encoding(other) && notTextShare(otherHead, NOT_TEXT) * 10 <= 1) {
      throw new NotInEncoding(invalid.invalid[0] as number, encoding, other);
    }
  }
  const notText = head.match(utf8 && !invalid ? CONTROLS : NOT_TEXT)?.length ?? 0;
  const guessedUtf16 = given === undefined && utf16 && bytes[0] !== 0xff && bytes[0] !== 0xfe;
  if (notText * 10 > head.length || (guessedUtf16 && !head.includes('\n'))) {
    throw new Error(`binary file (not ${encoding} text)`);
  }
  return { text, invalidLines: invalid?.invalid ?? [] };
}

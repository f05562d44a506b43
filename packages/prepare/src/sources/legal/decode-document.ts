import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { detectEncoding, isUtf8Encoding } from '../text-encoding.js';

const SNIFF_CHARS = 8000;

/** C0 controls other than tab, line and form feeds, and the replacement character of undecodable bytes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: counting control characters is the point
const NOT_TEXT = /[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/g;
/** The same without U+FFFD, for valid UTF-8, where every U+FFFD is a character of the text (bytes EF BF BD). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: counting control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000e-\u001f]/g;

/**
 * Decodes a document's bytes in the given encoding or the detected one, or throws when they are not text: NUL bytes
 * outside UTF-16 (which writes every ASCII character with one), a tenth of control characters or undecodable bytes,
 * or UTF-16 guessed (not given) without a BOM that decodes to a single line (a few NUL bytes all at odd or all at even places, as in a
 * small binary file, look like UTF-16 without being text).
 */
export function decodeDocument(bytes: Buffer, given?: string): string {
  const encoding = given ?? detectEncoding(bytes.subarray(0, 64 * 1024));
  const utf16 = encoding.toLowerCase().replace(/[-_]/g, '').replace('ucs2', 'utf16').startsWith('utf16');
  if (!utf16 && bytes.subarray(0, SNIFF_CHARS).includes(0)) throw new Error('binary file (contains NUL bytes)');
  const text = iconv.decode(bytes, encoding);
  const head = text.slice(0, SNIFF_CHARS);
  const literalReplacements = isUtf8Encoding(encoding) && isUtf8(bytes);
  const notText = head.match(literalReplacements ? CONTROLS : NOT_TEXT)?.length ?? 0;
  const guessedUtf16 = given === undefined && utf16 && bytes[0] !== 0xff && bytes[0] !== 0xfe;
  if (notText * 10 > head.length || (guessedUtf16 && !head.includes('\n'))) {
    throw new Error(`binary file (not ${encoding} text)`);
  }
  return text;
}

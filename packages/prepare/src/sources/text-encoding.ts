import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { TunekitError } from '@tunekit/core';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { z } from 'zod';

const SAMPLE_BYTES = 64 * 1024;

/** Reads the first bytes of a file, for sniffing its encoding and dialect. */
export async function readSample(file: string, bytes = SAMPLE_BYTES): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function bomEncoding(sample: Buffer): string | undefined {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  return undefined;
}

const REPLACEMENT_BYTES = Buffer.from('\uFFFD', 'utf8');

/** How often U+FFFD itself (bytes EF BF BD) is in the bytes: a character of the text, not a decoding failure. */
function literalReplacements(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(REPLACEMENT_BYTES); at !== -1; at = bytes.indexOf(REPLACEMENT_BYTES, at + 3)) count++;
  return count;
}

/**
 * True when the bytes are UTF-8, ignoring a character cut off at the end of the sample. A few invalid bytes among
 * many valid multi-byte characters still count as UTF-8: those rows are rejected later, the rest read correctly.
 */
function looksUtf8(sample: Buffer): boolean {
  let end = sample.length;
  // Step back over a trailing partial multi-byte sequence (at most 3 continuation bytes).
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = sample[end - back] ?? 0;
    if ((byte & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  const bytes = sample.subarray(0, end);
  if (isUtf8(bytes)) return true;
  const text = new TextDecoder('utf-8').decode(bytes);
  let replacements = 0;
  let multiByte = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) replacements++;
    // Latin letters and 3-byte characters (CJK); legacy double-byte text mostly decodes to other ranges or fails.
    else if ((code > 0x7f && code < 0x250) || code >= 0x800) multiByte++;
  }
  const literal = literalReplacements(bytes);
  const invalid = replacements - literal;
  return invalid * 2 <= multiByte + literal;
}

/**
 * UTF-16 without a BOM, from where its NUL bytes fall: text in UTF-8 or a legacy encoding has none, while UTF-16
 * writes every ASCII character (line breaks, quotes, commas: there are always some) with a zero high byte.
 */
function utf16WithoutBom(sample: Buffer): string | undefined {
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  if (odd > 0 && even === 0) return 'utf-16le';
  if (even > 0 && odd === 0) return 'utf-16be';
  return undefined;
}

/**
 * Whether non-ASCII bytes all come in GB2312 pairs (lead A1–F7, trail A1–FE), as in simplified Chinese text, at
 * least two of them. Latin text in a single-byte encoding has accented letters between ASCII ones, not in such pairs:
 * chardet, which needs more text than a short file has, may call a short Chinese file Latin-1 instead.
 */
function looksLikeGb2312(sample: Buffer): boolean {
  let pairs = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i]!;
    if (byte < 0x80) continue;
    const trail = sample[i + 1];
    if (trail === undefined) break; // a pair cut off by the end of the sample
    if (byte < 0xa1 || byte > 0xf7 || trail < 0xa1 || trail > 0xfe) return false;
    pairs++;
    i++;
  }
  return pairs >= 2;
}

/** Whether the sample holds bytes the encoding cannot read (a character cut off at the end of a full sample aside). */
function failsToDecode(sample: Buffer, encoding: string): boolean {
  const whole = sample.length < SAMPLE_BYTES ? sample : sample.subarray(0, sample.length - 4);
  return iconv.decode(whole, encoding).includes('\uFFFD');
}

const SINGLE_BYTE = /^(?:iso-8859-\d+|windows-125\d|koi8-r)$/;

/**
 * Picks the encoding of a file from its BOM, the layout of NUL bytes (UTF-16 without a BOM), a UTF-8 check, then
 * chardet's guess (GBK-family guesses become gb18030; a single-byte guess for text of GB2312 pairs too).
 */
export function detectEncoding(sample: Buffer): string {
  const fromBom = bomEncoding(sample) ?? utf16WithoutBom(sample);
  if (fromBom) return fromBom;
  if (looksUtf8(sample)) return 'utf-8';
  const guess = chardet.detect(sample)?.toLowerCase();
  if (!guess) return 'utf-8';
  if (guess === 'gb18030' || guess === 'gbk' || guess === 'gb2312') return 'gb18030';
  if (SINGLE_BYTE.test(guess) && looksLikeGb2312(sample)) return 'gb18030';
  if (!iconv.encodingExists(guess)) return 'utf-8';
  // On a short file chardet may name another double-byte encoding (Big5) at its lowest confidence, which cannot read it.
  if (failsToDecode(sample, guess) && !failsToDecode(sample, 'gb18030')) return 'gb18030';
  return guess;
}

/** An `encoding` option: checked when the pipeline loads, so `tunekit validate` names an unknown one. */
export const encodingName = () =>
  z.string().refine((name) => iconv.encodingExists(name), {
    error: (issue) => `unknown encoding "${issue.input}": use e.g. utf-8, utf-16le, gbk, gb18030`,
  });

/** Validates an `encoding` option: iconv-lite must know it. */
export function checkEncodingOption(encoding: string, step: string): string {
  if (!iconv.encodingExists(encoding)) {
    throw new TunekitError('OPTION_INVALID', `unknown encoding "${encoding}"`, {
      context: { step, field: 'encoding', hint: 'use e.g. utf-8, utf-16le, gbk, gb18030' },
    });
  }
  return encoding;
}

/** Whether an encoding name means UTF-8. */
export function isUtf8Encoding(encoding: string): boolean {
  return /^utf-?8$/i.test(encoding);
}

/** Chunks of a file's bytes as text (BOM stripped); a read error ends the iteration with it. */
export async function* decodeChunks(chunks: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** A transform from the file's bytes to text (BOM stripped). */
export function decoderFor(encoding: string): NodeJS.ReadWriteStream {
  return iconv.decodeStream(encoding, { stripBOM: true });
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A pipeline stage from the file's bytes to UTF-8 bytes (BOM stripped). UTF-8 input passes through undecoded (the
 * CSV parser decodes each field once); other encodings are decoded by iconv-lite and re-encoded.
 */
export function toUtf8Bytes(encoding: string): (chunks: AsyncIterable<Buffer>) => AsyncGenerator<Buffer> {
  if (isUtf8Encoding(encoding)) {
    return async function* passThrough(chunks) {
      let head: Buffer | undefined = Buffer.alloc(0);
      for await (const chunk of chunks) {
        if (head === undefined) {
          yield chunk;
          continue;
        }
        // The BOM check needs three bytes, which a first chunk may not hold.
        head = Buffer.concat([head, chunk]);
        if (head.length < UTF8_BOM.length) continue;
        yield head.subarray(0, 3).equals(UTF8_BOM) ? head.subarray(3) : head;
        head = undefined;
      }
      if (head?.length) yield head;
    };
  }
  return async function* transcode(chunks) {
    const decoder = iconv.getDecoder(encoding, { stripBOM: true });
    for await (const chunk of chunks) {
      const text = decoder.write(chunk);
      if (text) yield Buffer.from(text, 'utf8');
    }
    const rest = decoder.end();
    if (rest) yield Buffer.from(rest, 'utf8');
  };
}

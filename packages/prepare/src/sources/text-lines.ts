import { createReadStream } from 'node:fs';
import { decodeChunks, isUtf8Encoding } from './text-encoding.js';

export interface TextLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
}

/** A line as read from a file. */
export interface FileLine extends TextLine {
  /** What ends the file's lines: `\n` (also for `\r\n`), or a lone `\r`. */
  lineBreak: '\n' | '\r';
}

/** The file's text in chunks: UTF-8 decoded by the stream itself, other encodings by iconv-lite. */
function textChunks(path: string, encoding: string): AsyncIterable<string> {
  if (isUtf8Encoding(encoding)) return createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  return decodeChunks(createReadStream(path, { highWaterMark: 1 << 20 }), encoding);
}

/**
 * The line break of a file: `\n` (with or without `\r` before it), or a lone `\r` (classic Mac OS) in a file with no
 * `\n` at all. Undecided until the text has either.
 */
function lineBreakOf(text: string): '\n' | '\r' | undefined {
  if (text.includes('\n')) return '\n';
  // A `\r` that ends the text may be the first half of a `\r\n` split across chunks.
  const cr = text.indexOf('\r');
  return cr !== -1 && cr < text.length - 1 ? '\r' : undefined;
}

/**
 * Streams a text file line by line (UTF-8 unless told; BOM stripped; `\n`, `\r\n` or classic Mac `\r` line breaks)
 * without holding the file in memory.
 */
export async function* readTextLines(path: string, encoding = 'utf-8'): AsyncIterable<FileLine> {
  let rest = '';
  let line = 0;
  let first = true;
  let lineBreak: '\n' | '\r' | undefined;
  for await (const chunk of textChunks(path, encoding)) {
    let text = rest + chunk;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    lineBreak ??= lineBreakOf(text);
    if (lineBreak === undefined) {
      rest = text;
      continue;
    }
    const crlf = lineBreak === '\n';
    let start = 0;
    for (let end = text.indexOf(lineBreak); end !== -1; end = text.indexOf(lineBreak, start)) {
      line++;
      yield {
        line,
        text: crlf && text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end),
        lineBreak,
      };
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) {
    yield { line: line + 1, text: rest.endsWith('\r') ? rest.slice(0, -1) : rest, lineBreak: lineBreak ?? '\n' };
  }
}

import { createReadStream } from 'node:fs';

export interface TextLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
}

/** Streams a UTF-8 file line by line (BOM stripped, `\r\n` handled) without holding the file in memory. */
export async function* readTextLines(path: string): AsyncIterable<TextLine> {
  let rest = '';
  let line = 0;
  let first = true;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    let text = rest + (chunk as string);
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      line++;
      yield { line, text: text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end) };
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) yield { line: line + 1, text: rest.endsWith('\r') ? rest.slice(0, -1) : rest };
}

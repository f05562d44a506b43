import { describe, expect, it } from 'vitest';
import { type BrokenRecord, QuoteGuard } from './quote-guard.js';

/** Runs the guard over `text` cut into chunks of `size` bytes; returns what it let through and what it rejected. */
function guard(text: string, size: number, delimiter = ',', maxChars = 1000) {
  const broken: BrokenRecord[] = [];
  const g = new QuoteGuard(delimiter, maxChars, (b) => broken.push(b));
  const bytes = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(g.push(bytes.subarray(at, at + size)));
  out.push(g.end());
  return { text: Buffer.concat(out).toString('utf8'), broken };
}

const SIZES = [1, 2, 3, 5, 7, 64 * 1024];

describe('QuoteGuard', () => {
  it('passes well-quoted UTF-8 through unchanged, whatever the chunk size', () => {
    const csv = 'id,q,a\n1,"法律, ""quoted""",答\n2,"multi\nline",x\n3,plain "inner" quote,"end"\n4,"",\n';
    for (const size of SIZES) expect(guard(csv, size)).toEqual({ text: csv, broken: [] });
  });

  it('blanks the first line of a record with an unclosed quote and keeps the rest', () => {
    const csv = 'id,q\n1,"ok"\n2,"unclosed, oops\n3,fine\n4,"multi\nline"\n';
    for (const size of SIZES) {
      const r = guard(csv, size);
      expect(r.text).toBe('id,q\n1,"ok"\n\n3,fine\n4,"multi\nline"\n');
      expect(r.broken).toEqual([
        { line: 3, reason: expect.stringContaining('closing quote is followed by text'), text: '2,"unclosed, oops' },
      ]);
    }
  });

  it('keeps a CRLF line end of a blanked line, so that csv-parse still sees an empty line', () => {
    for (const size of SIZES) {
      const r = guard('a,b\r\n1,"x"y\r\n2,z\r\n', size);
      expect(r.text).toBe('a,b\r\n\r\n2,z\r\n');
      expect(r.broken.map((b) => [b.line, b.text])).toEqual([[2, '1,"x"y']]);
    }
  });

  it('ends lines at a lone \\r in files whose first line ends so (old Mac exports), and still streams them', () => {
    const csv = 'id,q\r1,"ok\rtwo"\r2,"unclosed, oops\r3,fine\r4,"a\nb"\r';
    for (const size of SIZES) {
      const r = guard(csv, size);
      expect(r.text).toBe('id,q\r1,"ok\rtwo"\r\r3,fine\r4,"a\nb"\r');
      expect(r.broken.map((b) => [b.line, b.text])).toEqual([[4, '2,"unclosed, oops']]);
    }
    // Records come out as they complete, not all at the end of the file.
    const g = new QuoteGuard(',', 1000, () => {});
    expect(g.push(Buffer.from('a,b\r1,2\r3,')).toString()).toBe('a,b\r1,2\r');
    expect(g.carriageReturnLines).toBe(true);
    // A \r\n file is not one: its \r is part of the line end.
    const crlf = new QuoteGuard(',', 1000, () => {});
    expect(crlf.push(Buffer.from('a,b\r')).length).toBe(0);
    expect(crlf.push(Buffer.from('\n1,2\r\n')).toString()).toBe('a,b\r\n1,2\r\n');
    expect(crlf.carriageReturnLines).toBe(false);
  });

  it('reports a quote still open at the end of the file on the line where the record starts', () => {
    for (const size of SIZES) {
      const r = guard('a,b\n1,"never closed\nmore\n', size);
      expect(r.text).toBe('a,b\n\nmore\n');
      expect(r.broken.map((b) => [b.line, b.reason])).toEqual([[2, 'quote not closed before the end of the file']]);
    }
  });

  it('measures the quoted-field limit in characters, not bytes', () => {
    const cjk = '字'.repeat(30); // 30 characters, 90 bytes
    const ok = guard(`a,b\n1,"${cjk}\n${cjk}"\n`, 16, ',', 70);
    expect(ok.broken).toEqual([]);
    const long = guard(`a,b\n1,"${cjk}\n${cjk}\n${cjk}\nx"\n2,y\n`, 16, ',', 70);
    expect(long.broken.map((b) => [b.line, b.reason])).toEqual([
      [2, 'quoted field longer than 70 characters (unclosed quote?)'],
    ]);
  });

  it('handles tab and multi-byte delimiters split across chunks', () => {
    const tsv = 'a\tb\n"x\ty"\t"z"\n';
    for (const size of SIZES) expect(guard(tsv, size, '\t')).toEqual({ text: tsv, broken: [] });
    const pipes = 'a¦b\n"x¦y"¦"z"\n"bad"q¦1\n';
    for (const size of SIZES) {
      const r = guard(pipes, size, '¦');
      expect(r.text).toBe('a¦b\n"x¦y"¦"z"\n\n');
      expect(r.broken.map((b) => b.line)).toEqual([3]);
    }
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TunekitError } from '@tunekit/core';
import { checkStepConformance, runStep } from '@tunekit/core/testing';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readJsonl } from './read-jsonl.js';

const rows = Array.from({ length: 40 }, (_, i) => ({
  messages: [
    { role: 'user', content: `《消费者权益保护法》第${i}条规定了什么？` },
    { role: 'assistant', content: `第${i}条：经营者应当保证其提供的商品或者服务符合保障人身、财产安全的要求。` },
  ],
}));
const text = rows.map((row) => JSON.stringify(row)).join('\r\n');

describe('read-jsonl', () => {
  it('detects GBK, GB18030 and UTF-16 files and reads the same records as from UTF-8', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-jsonl-'));
    writeFileSync(join(dir, 'utf8.jsonl'), `\uFEFF${text}\n`);
    writeFileSync(join(dir, 'gbk.jsonl'), iconv.encode(text, 'gbk'));
    writeFileSync(join(dir, 'utf16.jsonl'), iconv.encode(`${text}\n`, 'utf-16le', { addBOM: true }));
    writeFileSync(join(dir, 'utf16be.jsonl'), iconv.encode(`${text}\n`, 'utf-16be', { addBOM: true }));
    const run = await runStep(readJsonl, { path: ['utf8.jsonl', 'gbk.jsonl', 'utf16.jsonl', 'utf16be.jsonl'] }, [], {
      baseDir: dir,
    });
    expect(run.rejected).toEqual([]);
    expect(run.out.map((r) => r.data)).toEqual([...rows, ...rows, ...rows, ...rows]);
    expect(run.out.filter((r) => r.source.file === 'gbk.jsonl').map((r) => r.source.line)).toEqual(
      rows.map((_, i) => i + 1),
    );
    expect(run.reports.encodings).toEqual({
      'utf8.jsonl': 'utf-8',
      'gbk.jsonl': 'gb18030',
      'utf16.jsonl': 'utf-16le',
      'utf16be.jsonl': 'utf-16be',
    });
  });

  it('detects UTF-16 without a byte-order mark, and a short GBK file chardet takes for Latin-1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-jsonl-'));
    writeFileSync(join(dir, 'le.jsonl'), iconv.encode(`${text}\n`, 'utf-16le'));
    writeFileSync(join(dir, 'be.jsonl'), iconv.encode(`${text}\n`, 'utf-16be'));
    const short = [
      { q: '合同', a: '是' },
      { q: '违约', a: '否' },
    ]
      .map((row) => JSON.stringify(row))
      .join('\n');
    writeFileSync(join(dir, 'short-gbk.jsonl'), iconv.encode(`${short}\n`, 'gbk'));
    writeFileSync(join(dir, 'latin1.jsonl'), iconv.encode('{"q":"café au lait","a":"été"}\n', 'latin1'));
    const run = await runStep(readJsonl, { path: ['le.jsonl', 'be.jsonl', 'short-gbk.jsonl', 'latin1.jsonl'] }, [], {
      baseDir: dir,
    });
    expect(run.reports.encodings).toEqual({
      'le.jsonl': 'utf-16le',
      'be.jsonl': 'utf-16be',
      'short-gbk.jsonl': 'gb18030',
      'latin1.jsonl': expect.stringMatching(/^(iso-8859|windows-125)/), // chardet's pick of a Latin one
    });
    expect(run.rejected).toEqual([]);
    expect(run.out.map((r) => r.data)).toEqual([
      ...rows,
      ...rows,
      { q: '合同', a: '是' },
      { q: '违约', a: '否' },
      { q: 'café au lait', a: 'été' },
    ]);
  });

  it('reads classic Mac line breaks (a lone \\r), and a CRLF file whose first line is longer than a read chunk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-jsonl-'));
    writeFileSync(join(dir, 'mac.jsonl'), `${rows.map((row) => JSON.stringify(row)).join('\r')}\r`);
    const long = { messages: [{ role: 'user', content: 'x'.repeat(1_500_000) }, ...rows[0]!.messages.slice(1)] };
    writeFileSync(join(dir, 'long.jsonl'), `${JSON.stringify(long)}\r\n${JSON.stringify(rows[1])}\r\n`);
    const run = await runStep(readJsonl, { path: ['mac.jsonl', 'long.jsonl'] }, [], { baseDir: dir });
    expect(run.rejected).toEqual([]);
    expect(run.out.map((r) => r.data)).toEqual([...rows, long, rows[1]]);
    expect(run.out.map((r) => r.source.line)).toEqual([...rows.map((_, i) => i + 1), 1, 2]);
  });

  it('takes an explicit encoding, and refuses one it does not know', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-jsonl-'));
    writeFileSync(join(dir, 'gbk.jsonl'), iconv.encode(text, 'gbk'));
    const run = await runStep(readJsonl, { path: 'gbk.jsonl', encoding: 'gbk' }, [], { baseDir: dir });
    expect(run.out.map((r) => r.data)).toEqual(rows);
    expect(run.reports.encodings).toEqual({ 'gbk.jsonl': 'gbk' });
    await expect(
      runStep(readJsonl, { path: 'gbk.jsonl', encoding: 'klingon' }, [], { baseDir: dir }),
    ).rejects.toMatchObject({ code: 'OPTION_INVALID' });
  });

  it('rejects a line with bytes its encoding cannot read, and keeps the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-jsonl-'));
    const lines = rows.map((row) => Buffer.from(`${JSON.stringify(row)}\n`));
    lines[2] = Buffer.concat([
      Buffer.from('{"messages":[{"role":"user","content":"'),
      Buffer.from([0xba, 0xcf]),
      Buffer.from('"}]}\n'),
    ]);
    writeFileSync(join(dir, 'mixed.jsonl'), Buffer.concat(lines));
    const run = await runStep(readJsonl, { path: 'mixed.jsonl' }, [], { baseDir: dir });
    expect(run.reports.encodings).toEqual({ 'mixed.jsonl': 'utf-8' });
    expect(run.out).toHaveLength(rows.length - 1);
    expect(run.rejected).toEqual([
      expect.objectContaining({ code: 'invalid_encoding', detail: expect.objectContaining({ line: 3 }) }),
    ]);
  });

  it('stops at a file in another encoding than the one given, naming the file and line and the option', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-jsonl-'));
    const latin = ['{"q":"ASCII only"}', '{"q":"Qu\'est-ce que le délai de rétractation?"}', '{"q":"à"}'];
    writeFileSync(join(dir, 'latin1.jsonl'), Buffer.from(`${latin.join('\n')}\n`, 'latin1'));
    const error = await runStep(readJsonl, { path: 'latin1.jsonl', encoding: 'utf-8' }, [], { baseDir: dir }).catch(
      (e: unknown) => e,
    );
    expect(TunekitError.is(error, 'INPUT_INVALID')).toBe(true);
    expect((error as TunekitError).render()).toBe(
      'latin1.jsonl:2: not valid utf-8 text (the first line with non-ASCII characters): the file is in another encoding (step read-jsonl) — set the encoding option to the file’s (e.g. iso-8859-1, windows-1252, gb18030), or leave it out to detect it',
    );
    // Detected, or named right, it reads.
    const read = await runStep(readJsonl, { path: 'latin1.jsonl', encoding: 'iso-8859-1' }, [], { baseDir: dir });
    expect(read.out.map((r) => (r.data as { q: string }).q)[1]).toBe("Qu'est-ce que le délai de rétractation?");
  });

  it('reads a U+FFFD that is in the data (bytes EF BF BD) as text, and still tells undecodable bytes apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-jsonl-'));
    // The replacement character is the first non-ASCII text of the file: taken for undecodable bytes, it stopped the run.
    const literal = ['{"q":"ASCII only"}', '{"q":"scanned: \uFFFD\uFFFD unreadable"}', '{"q":"合同"}'];
    writeFileSync(join(dir, 'literal.jsonl'), `${literal.join('\r\n')}\r\n`);
    writeFileSync(join(dir, 'mac.jsonl'), literal.join('\r'));
    const run = await runStep(readJsonl, { path: ['literal.jsonl', 'mac.jsonl'] }, [], { baseDir: dir });
    expect(run.rejected).toEqual([]);
    expect(run.out.map((r) => r.data)).toEqual([...literal, ...literal].map((line) => JSON.parse(line)));
    expect(run.reports.encodings).toEqual({ 'literal.jsonl': 'utf-8', 'mac.jsonl': 'utf-8' });

    // After the literal one, a line of GBK bytes is a corrupt row: rejected with its line, not taken for the file's.
    const gbkLine = Buffer.concat([Buffer.from('{"q":"'), iconv.encode('合同', 'gbk'), Buffer.from('"}\n')]);
    writeFileSync(join(dir, 'mixed.jsonl'), Buffer.concat([Buffer.from(`${literal.join('\n')}\n`), gbkLine]));
    const mixed = await runStep(readJsonl, { path: 'mixed.jsonl', encoding: 'utf-8' }, [], { baseDir: dir });
    expect(mixed.out).toHaveLength(3);
    expect(mixed.rejected.map((r) => [r.code, r.detail.line])).toEqual([['invalid_encoding', 4]]);

    // A GBK file read as UTF-8 still stops at its first line, naming the file, the line and the option.
    const gbk = ['{"q":"ASCII only"}', '{"q":"合同"}', '{"q":"违约"}'];
    writeFileSync(join(dir, 'gbk.jsonl'), iconv.encode(`${gbk.join('\n')}\n`, 'gbk'));
    const error = await runStep(readJsonl, { path: 'gbk.jsonl', encoding: 'utf-8' }, [], { baseDir: dir }).catch(
      (e: unknown) => e,
    );
    expect((error as TunekitError).render()).toMatch(
      /^gbk\.jsonl:2: not valid utf-8 text \(the first line with non-ASCII characters\): the file is in another encoding \(step read-jsonl\) — set the encoding option/,
    );
  });

  it('keeps files of the same name in different folders apart, and refuses a file listed twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-jsonl-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'x.jsonl'), `${JSON.stringify(rows[0])}\n`);
    writeFileSync(join(dir, 'sub', 'x.jsonl'), `${JSON.stringify(rows[1])}\n`);
    const run = await runStep(readJsonl, { path: ['x.jsonl', 'sub/x.jsonl'] }, [], { baseDir: dir });
    expect(run.out.map((r) => r.id)).toEqual(['x.jsonl:1', 'sub/x.jsonl:1']);
    await expect(runStep(readJsonl, { path: ['x.jsonl', './x.jsonl'] }, [], { baseDir: dir })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: './x.jsonl is listed twice in path (first as x.jsonl)',
      context: { field: 'path' },
    });
  });

  it('conforms to the step contract', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-jsonl-'));
    writeFileSync(join(dir, 'a.jsonl'), `${text}\n`);
    await checkStepConformance(readJsonl, { path: 'a.jsonl' }, [], { baseDir: dir });
  });
});

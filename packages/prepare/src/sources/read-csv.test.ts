import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { recordId, TunekitError } from '@tunekit/core';
import { checkStepConformance, runStep } from '@tunekit/core/testing';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsvStep } from './read-csv.js';

const data = resolve(import.meta.dirname, '../../../../data');
const broken = resolve(import.meta.dirname, '../../../../test/fixtures/broken/csv');

describe('read-csv on real data', () => {
  it('reads the DISC-LawLLM multiple-choice CSV with header, lines and ids', async () => {
    const r = await runStep(readCsvStep, { path: 'disc-lawllm/mcq_sing_lbk.csv' }, [], { baseDir: data });
    expect(r.out).toHaveLength(275);
    expect(r.rejected).toEqual([]);
    const first = r.out[0]!;
    expect(first.id).toBe('disc-lawllm/mcq_sing_lbk.csv:2');
    expect(first.source).toEqual({ file: 'disc-lawllm/mcq_sing_lbk.csv', line: 2 });
    expect(first.data).toMatchObject({ output: 'B', A: '1949年', B: '1954年', multichoice: 'False' });
    expect(r.reports.dialect).toEqual({ encoding: 'utf-8', delimiter: ',' });
  });

  it('reads a LegalBench TSV (tab detected, commas inside text)', async () => {
    const r = await runStep(readCsvStep, { path: 'legalbench/hearsay/train.tsv' }, [], { baseDir: data });
    expect(r.out.length).toBeGreaterThan(2);
    expect(r.out[0]!.data).toMatchObject({ index: '0', answer: 'No', slice: 'Non-assertive conduct' });
    expect(r.reports.dialect).toMatchObject({ delimiter: '\t' });
  });

  it('detects GBK and UTF-16 versions of the same CSV and reads the same rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-csv-'));
    const text = execFileSync('head', ['-n', '60', join(data, 'disc-lawllm/mcq_sing_lbk.csv')]).toString('utf8');
    writeFileSync(join(dir, 'gbk.csv'), iconv.encode(text, 'gbk'));
    writeFileSync(join(dir, 'utf16.csv'), iconv.encode(text, 'utf-16le', { addBOM: true }));
    writeFileSync(join(dir, 'bom.csv'), `\uFEFF${text}`);
    const utf8 = await runStep(readCsvStep, { path: join(data, 'disc-lawllm/mcq_sing_lbk.csv') });
    for (const name of ['gbk.csv', 'utf16.csv', 'bom.csv']) {
      const r = await runStep(readCsvStep, { path: name }, [], { baseDir: dir });
      expect(r.rejected).toEqual([]);
      expect(r.out.map((x) => x.data)).toEqual(utf8.out.slice(0, 59).map((x) => x.data));
    }
    const gbk = await runStep(readCsvStep, { path: 'gbk.csv' }, [], { baseDir: dir });
    expect(gbk.reports.dialect).toMatchObject({ encoding: 'gb18030' });
    const given = await runStep(readCsvStep, { path: 'gbk.csv', encoding: 'gbk' }, [], { baseDir: dir });
    expect((given.out[0]!.data as Record<string, string>).input).toBe('我国第一部社会主义类型的宪法颁布于什么时候？');
  });

  it('passes the step conformance checks', async () => {
    await checkStepConformance(readCsvStep, { path: 'legalbench/hearsay/train.tsv' }, [], { baseDir: data });
  });
});

describe('read-csv on broken files', () => {
  it('rejects the unclosed-quote line and the short row, then keeps reading', async () => {
    const r = await runStep(readCsvStep, { path: 'unclosed-quote.csv' }, [], { baseDir: broken });
    expect(r.out.map((x) => [x.source.line, (x.data as Record<string, string>).id])).toEqual([
      [2, '1'],
      [4, '3'],
      [6, '5'],
    ]);
    expect((r.out[2]!.data as Record<string, string>).question).toBe('multi\nline');
    expect(r.rejected.map((x) => [x.code, x.detail.line, x.record.source.file])).toEqual([
      ['csv_quote', 3, 'unclosed-quote.csv'],
      ['csv_column_count', 5, 'unclosed-quote.csv'],
    ]);
    expect(r.ledger.out + r.ledger.rejected).toBe(5);
  });

  it('rejects rows with a missing or an extra column', async () => {
    const r = await runStep(readCsvStep, { path: 'missing-column.csv' }, [], { baseDir: broken });
    expect(r.out.map((x) => x.source.line)).toEqual([2, 5]);
    expect(r.rejected.map((x) => [x.code, x.detail.line, x.detail.message])).toEqual([
      ['csv_column_count', 3, 'expected 3 fields, got 2'],
      ['csv_column_count', 4, 'expected 3 fields, got 4'],
    ]);
  });

  it('stops at a file in another encoding than the one given, naming the file and line and the option', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-csv-'));
    writeFileSync(join(dir, 'latin1.csv'), Buffer.from('id,text\n1,plain\n2,délai\n3,à\n', 'latin1'));
    const error = await runStep(readCsvStep, { path: 'latin1.csv', encoding: 'utf-8' }, [], { baseDir: dir }).catch(
      (e: unknown) => e,
    );
    expect(TunekitError.is(error, 'INPUT_INVALID')).toBe(true);
    expect((error as TunekitError).render()).toMatch(
      /^latin1\.csv:3: not valid utf-8 text \(the first line with non-ASCII characters\): the file is in another encoding \(step read-csv\) — set the encoding option/,
    );
  });

  it('reads a U+FFFD that is in the data (bytes EF BF BD) as text, and still tells undecodable bytes apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-csv-'));
    // The replacement character is the file's first non-ASCII text, once on its own line inside quotes.
    const literal = 'id,text\n1,plain\n2,scanned \uFFFD\uFFFD page\n3,"two\n\uFFFD lines"\n4,合同\n';
    writeFileSync(join(dir, 'literal.csv'), literal);
    writeFileSync(join(dir, 'mac.csv'), literal.replaceAll('\n', '\r'));
    for (const path of ['literal.csv', 'mac.csv']) {
      const r = await runStep(readCsvStep, { path }, [], { baseDir: dir });
      expect(r.reports.dialect).toMatchObject({ encoding: 'utf-8' });
      expect(r.rejected).toEqual([]);
      expect(r.out.map((x) => [x.source.line, (x.data as Record<string, string>).text])).toEqual([
        [2, 'plain'],
        [3, 'scanned \uFFFD\uFFFD page'],
        [4, path === 'mac.csv' ? 'two\r\uFFFD lines' : 'two\n\uFFFD lines'],
        [6, '合同'],
      ]);
    }

    // After it, GBK bytes in a multi-line row make a corrupt row: rejected with its line, not taken for the file's.
    const gbkRow = Buffer.concat([Buffer.from('5,"a\n'), iconv.encode('合同', 'gbk'), Buffer.from(' \uFFFD"\n6,ok\n')]);
    writeFileSync(join(dir, 'mixed.csv'), Buffer.concat([Buffer.from(literal), gbkRow]));
    const mixed = await runStep(readCsvStep, { path: 'mixed.csv', encoding: 'utf-8' }, [], { baseDir: dir });
    expect(mixed.out.map((x) => x.source.line)).toEqual([2, 3, 4, 6, 9]);
    expect(mixed.rejected.map((x) => [x.code, x.detail.line])).toEqual([['csv_encoding', 7]]);

    // A GBK file read as UTF-8 still stops at its first non-ASCII line, naming the file, the line and the option.
    writeFileSync(join(dir, 'gbk.csv'), iconv.encode('id,text\n1,plain\n2,合同\n', 'gbk'));
    const error = await runStep(readCsvStep, { path: 'gbk.csv', encoding: 'utf-8' }, [], { baseDir: dir }).catch(
      (e: unknown) => e,
    );
    expect((error as TunekitError).render()).toMatch(
      /^gbk\.csv:3: not valid utf-8 text \(the first line with non-ASCII characters\): the file is in another encoding \(step read-csv\) — set the encoding option/,
    );
  });

  it('names unnamed and repeated header columns apart, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-csv-'));
    writeFileSync(join(dir, 'dup.csv'), 'q,q,,a\nx1,x2,x3,w\n');
    const r = await runStep(readCsvStep, { path: 'dup.csv' }, [], { baseDir: dir });
    expect(r.out.map((x) => x.data)).toEqual([{ q: 'x1', q_2: 'x2', col3: 'x3', a: 'w' }]);
    expect(r.reports.renamed_columns).toEqual(['q_2', 'col3']);
  });

  it('rejects rows that are not valid text in the detected encoding', async () => {
    const r = await runStep(readCsvStep, { path: 'wrong-encoding.csv' }, [], { baseDir: broken });
    expect(r.reports.dialect).toMatchObject({ encoding: 'utf-8' });
    expect(r.out.map((x) => (x.data as Record<string, string>).id)).toEqual(['1', '2', '4', '5']);
    expect((r.out[3]!.data as Record<string, string>).text).toBe('café');
    expect(r.rejected.map((x) => [x.code, x.detail.line])).toEqual([['csv_encoding', 4]]);
  });

  it('keeps exact line numbers over many chunks of multi-line fields, empty lines and broken rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-csv-'));
    const lines = ['id,text,note'];
    const expectedOut: [number, string][] = [];
    const expectedRejects: [string, number][] = [];
    let next = 2;
    for (let id = 1; id <= 3000; id++) {
      const line = next;
      if (id % 97 === 0) {
        lines.push(`${id},"unclosed 法律 ${'x'.repeat(id % 300)}" oops,n`);
        expectedRejects.push(['csv_quote', line]);
      } else if (id % 89 === 0) {
        lines.push(`${id},short`);
        expectedRejects.push(['csv_column_count', line]);
      } else if (id % 7 === 0) {
        lines.push(`${id},"第${id}条\n""quoted""\n${'字'.repeat(id % 50)}",n`);
        expectedOut.push([line, String(id)]);
      } else {
        lines.push(`${id},"row, ${id} ${'y'.repeat(id % 120)}",n`);
        expectedOut.push([line, String(id)]);
      }
      next += 1 + (lines.at(-1)!.match(/\n/g)?.length ?? 0);
      if (id % 31 === 0) {
        lines.push('');
        next++;
      }
    }
    writeFileSync(join(dir, 'big.csv'), `${lines.join('\n')}\n`);
    const r = await runStep(readCsvStep, { path: 'big.csv' }, [], { baseDir: dir });
    expect(r.out.map((x) => [x.source.line, (x.data as Record<string, string>).id])).toEqual(expectedOut);
    // The quote guard reads ahead of the parser, so its rejects may come before earlier rows' rejects.
    expect(r.out.filter((x) => x.id !== recordId(x.source))).toEqual([]);
    const rejects = r.rejected.map((x) => [x.code, x.detail.line] as [string, number]);
    expect(rejects.sort((a, b) => a[1] - b[1])).toEqual(expectedRejects);
    expect((r.out.find((x) => x.source.line === 8)!.data as Record<string, string>).text).toBe(
      '第7条\n"quoted"\n字字字字字字字',
    );
  });

  it('counts lines by line feeds in CRLF files and across carriage returns inside fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-csv-'));
    writeFileSync(join(dir, 'crlf.csv'), 'id,t\r\n1,"a\r\nb"\r\n\r\n2,x\r\n3,"bad"q\r\n4,y\r\n');
    const crlf = await runStep(readCsvStep, { path: 'crlf.csv' }, [], { baseDir: dir });
    expect(crlf.out.map((x) => [x.source.line, x.data])).toEqual([
      [2, { id: '1', t: 'a\r\nb' }],
      [5, { id: '2', t: 'x' }],
      [7, { id: '4', t: 'y' }],
    ]);
    expect(crlf.rejected.map((x) => [x.code, x.detail.line])).toEqual([['csv_quote', 6]]);
    writeFileSync(join(dir, 'cr.csv'), 'id,t\n1,"a\rb"\n2,"c\r\nd\re"\n3,x\n');
    const cr = await runStep(readCsvStep, { path: 'cr.csv' }, [], { baseDir: dir });
    expect(cr.out.map((x) => x.source.line)).toEqual([2, 3, 5]);
  });

  it('reads a file whose lines end with a lone carriage return, counting lines by it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-csv-'));
    writeFileSync(join(dir, 'mac.csv'), 'id,t\r1,a\r2,"b\rc"\r3,"bad"q\r4,"d\ne"\r\r5,y\r');
    const r = await runStep(readCsvStep, { path: 'mac.csv' }, [], { baseDir: dir });
    expect(r.out.map((x) => [x.source.line, x.data])).toEqual([
      [2, { id: '1', t: 'a' }],
      [3, { id: '2', t: 'b\rc' }],
      [6, { id: '4', t: 'd\ne' }],
      [8, { id: '5', t: 'y' }],
    ]);
    expect(r.rejected.map((x) => [x.code, x.detail.line])).toEqual([['csv_quote', 5]]);
  });

  it('reads an empty file as no rows', async () => {
    const r = await runStep(readCsvStep, { path: 'empty.csv' }, [], { baseDir: broken });
    expect(r.out).toEqual([]);
  });

  it('rejects a field over the length limit instead of truncating it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-csv-'));
    writeFileSync(join(dir, 'long.csv'), `a,b\n1,${'x'.repeat(50)}\n2,short\n`);
    const r = await runStep(readCsvStep, { path: 'long.csv', max_field_length: 20 }, [], { baseDir: dir });
    expect(r.out.map((x) => x.source.line)).toEqual([3]);
    expect(r.rejected[0]).toMatchObject({ code: 'csv_field_too_long', detail: { line: 2 } });
  });

  it('stops with one INPUT_NOT_FOUND line for a missing file, OPTION_INVALID for a bad encoding', async () => {
    const missing = await runStep(readCsvStep, { path: 'nope.csv' }, [], { baseDir: broken }).catch((e) => e);
    expect(TunekitError.is(missing, 'INPUT_NOT_FOUND')).toBe(true);
    expect(missing.render()).toMatch(/^nope\.csv: input file not found: nope\.csv/);
    const bad = await runStep(readCsvStep, { path: 'empty.csv', encoding: 'klingon' }, [], { baseDir: broken }).catch(
      (e) => e,
    );
    expect(TunekitError.is(bad, 'OPTION_INVALID')).toBe(true);
  });
});

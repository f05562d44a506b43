import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { recordId, TunekitError } from '@tunekit/core';
import { checkStepConformance, runStep } from '@tunekit/core/testing';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readJsonStep } from './read-json.js';

const data = resolve(import.meta.dirname, '../../../../data');
const broken = resolve(import.meta.dirname, '../../../../test/fixtures/broken/json');

/** A scratch folder holding the given files. */
function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'read-json-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** `[{"q": "q0", "a": "a0"}, ...]` as Python's json.dumps writes it (one line). */
function pythonArray(count: number): { elements: { q: string; a: string }[]; text: string } {
  const elements = Array.from({ length: count }, (_, i) => ({ q: `q${i}`, a: `a${i}` }));
  return { elements, text: `[${elements.map((e) => `{"q": "${e.q}", "a": "${e.a}"}`).join(', ')}]` };
}

describe('read-json', () => {
  it('streams the 300 DISC-LawLLM questions with stable ids', async () => {
    const path = 'disc-lawllm/qa_short_answer.json';
    const r = await runStep(readJsonStep, { path }, [], { baseDir: data });
    expect(r.out).toHaveLength(300);
    expect(r.out[0]!.id).toBe(recordId({ file: path }, 0));
    expect(r.out[299]!.id).toBe(recordId({ file: path }, 299));
    expect(r.out[0]!.id).toMatch(/qa_short_answer\.json#0$/);
    expect(Object.keys(r.out[0]!.data as object).sort()).toEqual(['id', 'input', 'output']);
    expect((r.out[0]!.data as { input: string }).input).toMatch(/^请对以下案件做出分析/);
    await checkStepConformance(readJsonStep, { path }, [], { baseDir: data });
  });

  it('keeps the elements read before a truncation and rejects the rest with its line', async () => {
    const r = await runStep(readJsonStep, { path: 'truncated.json' }, [], { baseDir: broken });
    expect(r.out.map((x) => x.data)).toEqual([
      { input: 'q1', output: 'a1' },
      { input: 'q2', output: 'a2' },
    ]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({
      code: 'json_syntax',
      detail: { line: 4 },
      record: { source: { file: 'truncated.json' } },
    });
    expect(r.rejected[0]!.detail.message).toMatch(/unexpected end of file; element 2 \(line 4\) and the rest/);
  });

  it('reads the array at a dotted path and rejects elements that are not objects', async () => {
    const r = await runStep(readJsonStep, { path: 'nested.json', at: 'data.items' }, [], { baseDir: broken });
    expect(r.out.map((x) => x.data)).toEqual([{ q: 1 }, { q: 2 }]);
    expect(r.rejected.map((x) => [x.code, x.record.id])).toEqual([
      ['json_not_object', recordId({ file: 'nested.json' }, 1)],
    ]);
  });

  it('treats an empty file as a syntax reject and a non-array document as a one-line INPUT_INVALID', async () => {
    const empty = await runStep(readJsonStep, { path: 'empty.json' }, [], { baseDir: broken });
    expect(empty.out).toEqual([]);
    expect(empty.rejected.map((x) => x.code)).toEqual(['json_syntax']);
    expect(empty.rejected[0]!.detail.message).toMatch(/the file is empty/);
    const error = await runStep(readJsonStep, { path: 'object.json' }, [], { baseDir: broken }).catch((e) => e);
    expect(TunekitError.is(error, 'INPUT_INVALID')).toBe(true);
    expect(error.render()).toMatch(/^object\.json: expected an array, found an object/);
  });

  describe('a syntax error keeps every element before it', () => {
    it('emits all 10,000 elements of an array followed by trailing text, then rejects that text', async () => {
      const { elements, text } = pythonArray(10_000);
      const dir = folder({ 't.json': `${text} x\n` });
      const r = await runStep(readJsonStep, { path: 't.json' }, [], { baseDir: dir });
      expect(r.out.map((x) => x.data)).toEqual(elements);
      expect(r.rejected).toHaveLength(1);
      const offset = text.length + 1;
      expect(r.rejected[0]).toMatchObject({
        code: 'json_syntax',
        detail: { line: 1, column: offset + 1, offset },
        record: { source: { file: 't.json', line: 1, offset }, data: { afterElement: 10_000, near: 'x\n' } },
      });
      expect(r.rejected[0]!.detail.message).toBe(
        `JSON syntax error at line 1, column ${offset + 1} (byte ${offset}): unexpected text after the end of the ` +
          'JSON document; the rest of the file was not read (the array had ended: all 10000 elements read)',
      );
      expect(r.ledger).toMatchObject({ out: 10_000, rejected: 1 });
    });

    it('emits the one element of a small array followed by trailing text', async () => {
      const dir = folder({ 's.json': '[{"q":"a1","a":"b1"}] trailing' });
      const r = await runStep(readJsonStep, { path: 's.json' }, [], { baseDir: dir });
      expect(r.out.map((x) => x.data)).toEqual([{ q: 'a1', a: 'b1' }]);
      expect(r.rejected.map((x) => [x.code, x.detail.offset])).toEqual([['json_syntax', 22]]);
    });

    it('emits the 5,000 elements before a bad token in the middle, and says where it is', async () => {
      const { elements, text } = pythonArray(10_000);
      const cut = text.indexOf('{"q": "q5000"');
      const dir = folder({ 'm.json': `${text.slice(0, cut)}@ ${text.slice(cut)}` });
      const r = await runStep(readJsonStep, { path: 'm.json' }, [], { baseDir: dir });
      expect(r.out.map((x) => x.data)).toEqual(elements.slice(0, 5000));
      expect(r.rejected).toHaveLength(1);
      expect(r.rejected[0]).toMatchObject({
        code: 'json_syntax',
        detail: { line: 1, column: cut + 1, offset: cut },
        record: { source: { line: 1, offset: cut } },
      });
      expect(r.rejected[0]!.detail.message).toMatch(
        /^JSON syntax error at line 1, column \d+ \(byte \d+\): expected a value; element 5000 \(line 1\) and the rest of the file were not read \(5000 elements read before it\)$/,
      );
    });

    it('locates an error inside a pretty-printed element to its line and column', async () => {
      const text = '[\n  {"q": 1},\n  {"q": 2},\n  {\n    "q": 3\n    "a": 4\n  },\n  {"q": 5}\n]\n';
      const dir = folder({ 'p.json': text });
      const r = await runStep(readJsonStep, { path: 'p.json' }, [], { baseDir: dir });
      expect(r.out.map((x) => x.data)).toEqual([{ q: 1 }, { q: 2 }]);
      expect(r.rejected[0]).toMatchObject({
        code: 'json_syntax',
        detail: { line: 6, column: 5, offset: text.indexOf('"a"') },
        record: { source: { line: 6 } },
      });
      expect(r.rejected[0]!.detail.message).toMatch(/expected ',' or '}'; element 2 \(line 4\) and the rest/);
    });

    it('reports an error between elements (a missing comma) after the elements before it', async () => {
      const text = '[{"q": 1},\n {"q": 2}\n {"q": 3}]';
      const dir = folder({ 'c.json': text });
      const r = await runStep(readJsonStep, { path: 'c.json' }, [], { baseDir: dir });
      expect(r.out.map((x) => x.data)).toEqual([{ q: 1 }, { q: 2 }]);
      expect(r.rejected[0]!.detail).toMatchObject({ line: 3, column: 2, offset: text.indexOf('{"q": 3}') });
      expect(r.rejected[0]!.detail.message).toMatch(/expected ',' or '\]'; the rest of the file was not read/);
    });
  });

  describe('at: a path', () => {
    it('is a one-line INPUT_INVALID naming the file and the path when the path is not in the file', async () => {
      const dir = folder({ 'n.json': '{"data": {"items": [{"q": 1}]}, "meta": {"n": 1}}' });
      const error = await runStep(readJsonStep, { path: 'n.json', at: 'data.nope' }, [], { baseDir: dir }).catch(
        (e) => e,
      );
      expect(TunekitError.is(error, 'INPUT_INVALID')).toBe(true);
      expect(error.isUserError).toBe(true);
      expect(error.render()).toMatch(/^n\.json: no "data\.nope" in the file: "data" has no key "nope"/);
      expect(error.render()).not.toMatch(/\n/);
    });

    it('names what stands in the way: a missing top key, a string, an array without the index', async () => {
      const dir = folder({ 'n.json': '{"data": {"items": [{"q": 1}], "title": "x"}}' });
      const render = (at: string) =>
        runStep(readJsonStep, { path: 'n.json', at }, [], { baseDir: dir }).then(
          () => 'no error',
          (e) => (TunekitError.is(e, 'INPUT_INVALID') ? e.render() : String(e)),
        );
      expect(await render('rows')).toMatch(/^n\.json: no "rows" in the file: the document has no key "rows"/);
      expect(await render('data.title.x')).toMatch(/no "data\.title\.x" in the file: "data\.title" is a string/);
      expect(await render('data.items.3')).toMatch(/"data\.items" is an array with no element 3/);
      expect(await render('data.title')).toMatch(/^n\.json: expected an array at "data\.title", found a string/);
    });

    it('follows array indices in the path and reads only the first match', async () => {
      const dir = folder({ 'i.json': '{"pages": [{"rows": [{"q": 1}]}, {"rows": [{"q": 2}, {"q": 3}]}]}' });
      const r = await runStep(readJsonStep, { path: 'i.json', at: 'pages.1.rows' }, [], { baseDir: dir });
      expect(r.out.map((x) => x.data)).toEqual([{ q: 2 }, { q: 3 }]);
      expect(r.rejected).toEqual([]);
    });

    it('rejects a syntax error after the array, once every element is out', async () => {
      const text = '{"data": [{"q": 1}, {"q": 2}], "meta": {oops}}';
      const dir = folder({ 'a.json': text });
      const r = await runStep(readJsonStep, { path: 'a.json', at: 'data' }, [], { baseDir: dir });
      expect(r.out.map((x) => x.data)).toEqual([{ q: 1 }, { q: 2 }]);
      const at = text.indexOf('oops');
      expect(r.rejected[0]!.detail.message).toBe(
        `JSON syntax error at line 1, column ${at + 1} (byte ${at}): expected a key in double quotes; ` +
          'the rest of the file was not read (the array had ended: all 2 elements read)',
      );
    });
  });

  it('says what a non-object element is: null, an array, a number, a string, a boolean', async () => {
    const dir = folder({ 'k.json': '[{"q": 1}, null, [1], 3, "s", true, {"q": 2}]' });
    const r = await runStep(readJsonStep, { path: 'k.json' }, [], { baseDir: dir });
    expect(r.out.map((x) => x.data)).toEqual([{ q: 1 }, { q: 2 }]);
    expect(r.rejected.map((x) => x.detail.message)).toEqual([
      'element 1 (line 1) is null, not an object',
      'element 2 (line 1) is an array, not an object',
      'element 3 (line 1) is a number, not an object',
      'element 4 (line 1) is a string, not an object',
      'element 5 (line 1) is a boolean, not an object',
    ]);
    expect(r.rejected.map((x) => x.record.data)).toEqual([null, [1], 3, 's', true]);
  });

  describe('source locations', () => {
    it('gives every record the line and byte offset where its element starts', async () => {
      const text = '[\n  {"q": "法"},\n  {"q": "律",\n   "a": 1},\n  7,\n  {"q": "x"}\n]\n';
      const dir = folder({ 'l.json': text });
      const r = await runStep(readJsonStep, { path: 'l.json' }, [], { baseDir: dir });
      const bytes = Buffer.from(text);
      expect(r.out.map((x) => x.source)).toEqual([
        { file: 'l.json', line: 2, offset: bytes.indexOf('{"q": "法"}') },
        { file: 'l.json', line: 3, offset: bytes.indexOf('{"q": "律"') },
        { file: 'l.json', line: 6, offset: bytes.indexOf('{"q": "x"}') },
      ]);
      expect(r.rejected[0]).toMatchObject({
        code: 'json_not_object',
        detail: { line: 5 },
        record: { source: { file: 'l.json', line: 5, offset: bytes.indexOf('7,') } },
      });
    });

    it('detects UTF-8 when its only non-ASCII text is U+FFFD itself (bytes EF BF BD), not a decoding failure', async () => {
      // chardet alone calls this ISO-8859-1, which reads the character as three (ï¿½).
      const element = { q: 'What does the scanned page say?', a: 'It says \uFFFD where the scan was unreadable.' };
      const dir = folder({ 'scanned.json': JSON.stringify([element]) });
      const run = await runStep(readJsonStep, { path: 'scanned.json' }, [], { baseDir: dir });
      expect(run.out.map((r) => r.data)).toEqual([element]);
    });

    it('stops on a GBK file read as UTF-8 with one line naming file, line and the encoding option', async () => {
      const text = '[{"q": "ok"},\n {"q": "中华人民共和国民法典"}]';
      const dir = folder({ 'gbk.json': iconv.encode(text, 'gbk') });
      const error = await runStep(readJsonStep, { path: 'gbk.json', encoding: 'utf-8' }, [], { baseDir: dir }).catch(
        (e) => e,
      );
      expect(TunekitError.is(error, 'INPUT_INVALID')).toBe(true);
      expect(error.render()).toMatch(/^gbk\.json:2: not valid utf-8 text .*the file is in another encoding/);
      expect(error.context.field).toBe('encoding');
    });

    it('rejects a later element whose bytes are not UTF-8; a U+FFFD written as \\ufffd or as its bytes is text', async () => {
      const good = Buffer.from('[{"q": "法律"},\n {"q": "a \\ufffd b"},\n {"q": "');
      const bad = Buffer.from([0xc3, 0x28]);
      const rest = Buffer.from('"},\n {"q": "c \uFFFD d"}]');
      const dir = folder({ 'mixed.json': Buffer.concat([good, bad, rest]) });
      const r = await runStep(readJsonStep, { path: 'mixed.json' }, [], { baseDir: dir });
      expect(r.out.map((x) => x.data)).toEqual([{ q: '法律' }, { q: 'a \uFFFD b' }, { q: 'c \uFFFD d' }]);
      expect(r.rejected.map((x) => [x.code, x.detail.line, x.record.id])).toEqual([
        ['invalid_encoding', 3, recordId({ file: 'mixed.json' }, 2)],
      ]);
    });

    it('reads a short GBK file that chardet calls Big5 as GB18030', async () => {
      const dir = folder({ 'short.json': iconv.encode('[{"q":"中华人民共和国民法典"}]', 'gbk') });
      const r = await runStep(readJsonStep, { path: 'short.json' }, [], { baseDir: dir });
      expect(r.out.map((x) => x.data)).toEqual([{ q: '中华人民共和国民法典' }]);
    });

    it('counts byte offsets after a UTF-8 BOM and in UTF-16; gives lines only in GB18030', async () => {
      const text = '[{"q": "消费者"},\n {"q": "权益"}]';
      const dir = folder({
        'bom.json': `\uFEFF${text}`,
        'u16.json': iconv.encode(text, 'utf-16le', { addBOM: true }),
        'gb.json': iconv.encode(text, 'gb18030'),
      });
      const sources = async (path: string) =>
        (await runStep(readJsonStep, { path }, [], { baseDir: dir })).out.map(({ source }) => source);
      const second = Buffer.from(text).indexOf('{"q": "权益"}');
      expect(await sources('bom.json')).toEqual([
        { file: 'bom.json', line: 1, offset: 4 },
        { file: 'bom.json', line: 2, offset: 3 + second },
      ]);
      expect(await sources('u16.json')).toEqual([
        { file: 'u16.json', line: 1, offset: 4 },
        { file: 'u16.json', line: 2, offset: 2 + 2 * text.indexOf('{"q": "权益"}') },
      ]);
      expect(await sources('gb.json')).toEqual([
        { file: 'gb.json', line: 1 },
        { file: 'gb.json', line: 2 },
      ]);
    });
  });
});

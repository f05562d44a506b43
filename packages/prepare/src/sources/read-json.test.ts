import { resolve } from 'node:path';
import { TunekitError } from '@tunekit/core';
import { checkStepConformance, runStep } from '@tunekit/core/testing';
import { describe, expect, it } from 'vitest';
import { readJsonStep } from './read-json.js';

const data = resolve(import.meta.dirname, '../../../../data');
const broken = resolve(import.meta.dirname, '../../../../test/fixtures/broken/json');

describe('read-json', () => {
  it('streams the 300 DISC-LawLLM questions with stable ids', async () => {
    const r = await runStep(readJsonStep, { path: 'disc-lawllm/qa_short_answer.json' }, [], { baseDir: data });
    expect(r.out).toHaveLength(300);
    expect(r.out[0]!.id).toBe('qa_short_answer.json#0');
    expect(r.out[299]!.id).toBe('qa_short_answer.json#299');
    expect(Object.keys(r.out[0]!.data as object).sort()).toEqual(['id', 'input', 'output']);
    expect((r.out[0]!.data as { input: string }).input).toMatch(/^请对以下案件做出分析/);
    await checkStepConformance(readJsonStep, { path: 'disc-lawllm/qa_short_answer.json' }, [], { baseDir: data });
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
  });

  it('reads the array at a dotted path and rejects elements that are not objects', async () => {
    const r = await runStep(readJsonStep, { path: 'nested.json', at: 'data.items' }, [], { baseDir: broken });
    expect(r.out.map((x) => x.data)).toEqual([{ q: 1 }, { q: 2 }]);
    expect(r.rejected.map((x) => [x.code, x.record.id])).toEqual([['json_not_object', 'nested.json#1']]);
  });

  it('treats an empty file as a syntax reject and a non-array document as a one-line INPUT_INVALID', async () => {
    const empty = await runStep(readJsonStep, { path: 'empty.json' }, [], { baseDir: broken });
    expect(empty.out).toEqual([]);
    const error = await runStep(readJsonStep, { path: 'object.json' }, [], { baseDir: broken }).catch((e) => e);
    expect(TunekitError.is(error, 'INPUT_INVALID')).toBe(true);
    expect(error.render()).toMatch(/^object\.json: expected an array/);
  });
});

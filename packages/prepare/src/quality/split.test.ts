import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DataRecord } from '@tunekit/core';
import { checkStepConformance, makeRecord, runStep } from '@tunekit/core/testing';
import { describe, expect, it } from 'vitest';
import { split } from './split.js';

const questions = JSON.parse(
  readFileSync(`${resolve(import.meta.dirname, '../../../../data')}/disc-lawllm/qa_short_answer.json`, 'utf8'),
) as {
  input: string;
  output: string;
  id: number;
}[];

function chat(user: string, assistant: string) {
  return {
    messages: [
      { role: 'user', content: user },
      { role: 'assistant', content: assistant },
    ],
  };
}

/** Five records per group (e.g. chunks of one document), 60 groups, two labels. */
function grouped(): DataRecord[] {
  const records: DataRecord[] = [];
  for (let g = 0; g < 60; g++) {
    for (let k = 0; k < 5; k++) {
      const line = g * 5 + k + 1;
      records.push(
        makeRecord(chat(`doc ${g} part ${k}`, 'ok'), {
          id: `d.jsonl:${line}`,
          source: { file: 'd.jsonl', line },
          group: `doc-${g}`,
          meta: { label: g % 3 === 0 ? 'rare' : 'common' },
        }),
      );
    }
  }
  return records;
}

function sidesByGroup(out: DataRecord[]): Map<string, Set<unknown>> {
  const sides = new Map<string, Set<unknown>>();
  for (const r of out) {
    const set = sides.get(r.group!) ?? new Set();
    set.add(r.meta.split);
    sides.set(r.group!, set);
  }
  return sides;
}

describe('split', () => {
  it('keeps every group on one side and sends about the fraction to validation', async () => {
    const run = await runStep(split, { validation: 0.2, seed: 7 }, grouped());
    expect(run.out).toHaveLength(300);
    for (const sides of sidesByGroup(run.out).values()) expect(sides.size).toBe(1);
    const validation = run.out.filter((r) => r.meta.split === 'validation').length;
    expect(validation % 5).toBe(0);
    expect(validation).toBeGreaterThan(20);
    expect(validation).toBeLessThan(110);
    expect(run.counters.validation).toBe(validation);
  });

  it('is stable when data is added and changes with the seed', async () => {
    const records = grouped();
    const side = (out: DataRecord[]) => new Map(out.map((r) => [r.id, r.meta.split]));
    const first = side((await runStep(split, { seed: 1 }, records.slice(0, 150))).out);
    const all = side((await runStep(split, { seed: 1 }, records)).out);
    for (const [id, s] of first) expect(all.get(id)).toBe(s);
    const other = side((await runStep(split, { seed: 2 }, records)).out);
    expect([...all].some(([id, s]) => other.get(id) !== s)).toBe(true);
  });

  it('takes a count of whole groups, per stratum', async () => {
    const run = await runStep(split, { validation: 60, stratify: 'label' }, grouped());
    const validation = run.out.filter((r) => r.meta.split === 'validation');
    expect(validation).toHaveLength(60);
    const rare = validation.filter((r) => r.meta.label === 'rare').length;
    expect(rare).toBe(20); // 100 of 300 records are rare: a third of the validation set
    for (const sides of sidesByGroup(run.out).values()) expect(sides.size).toBe(1);
    expect(run.out.map((r) => r.id)).toEqual(grouped().map((r) => r.id)); // input order is kept
  });

  it('warns when a count takes every example, or when no record has the stratify field', async () => {
    const records = grouped();
    const all = await runStep(split, { validation: records.length + 5 }, records);
    expect(all.out.every((r) => r.meta.split === 'validation')).toBe(true);
    expect(all.warnings).toEqual([
      `split: validation: ${records.length + 5} asks for at least as many examples as there are (${records.length}): every one goes to validation, none to train`,
    ]);
    const absent = await runStep(split, { validation: 0.2, stratify: 'labl' }, grouped());
    expect(absent.warnings).toEqual(['split: stratify: no record has the field `labl`, so there are no strata']);
    expect((await runStep(split, { validation: 60, stratify: 'label' }, grouped())).warnings).toEqual([]);
  });

  it('moves training lines that leak evaluation items to rejects (exact and near)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'split-'));
    writeFileSync(join(dir, 'eval.json'), JSON.stringify(questions.slice(0, 50)));
    const leakedExact = makeRecord(chat(questions[3]!.input, questions[3]!.output), {
      id: 'leak-exact',
      group: 'g-leak-1',
    });
    const q = questions[10]!.input;
    const leakedNear = makeRecord(chat(`${q.slice(0, 20)}${q.slice(22)}`, 'x'), { id: 'leak-near', group: 'g-leak-2' });
    const clean = questions
      .slice(100, 140)
      .map((item, i) => makeRecord(chat(item.input, item.output), { id: `clean-${i}`, group: `g-${i}` }));
    const run = await runStep(
      split,
      { validation: 0, contamination: { against: 'eval.json' } },
      [...clean, leakedExact, leakedNear],
      { baseDir: dir },
    );
    expect(run.rejected.map((r) => [r.record.id, r.code, r.detail.kind, r.detail.evalId])).toEqual([
      ['leak-exact', 'contaminated', 'exact', String(questions[3]!.id)],
      ['leak-near', 'contaminated', 'near', String(questions[10]!.id)],
    ]);
    expect(run.out).toHaveLength(40);
    expect(run.counters.contaminated).toBe(2);
  });

  it('fails in one line when the evaluation file is missing', async () => {
    await expect(
      runStep(split, { contamination: { against: 'nope.jsonl' } }, grouped().slice(0, 3)),
    ).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND' });
  });

  it('explains a side left empty: one example, one group, a share that draws no group', async () => {
    const one = await runStep(split, {}, grouped().slice(0, 1));
    expect(one.warnings).toEqual([
      expect.stringMatching(
        /^split: (validation|train) is empty: there is only one example, and it went to (train|validation)$/,
      ),
    ]);
    for (const seed of [0, 1, 2, 3, 4, 5, 6, 7]) {
      const single = await runStep(split, { seed }, grouped().slice(0, 5));
      const side = single.counters.train === 5 ? 'validation' : 'train';
      expect(single.warnings).toEqual([
        `split: ${side} is empty: all 5 examples are in one group (\`doc-0\`), which went to ${side === 'train' ? 'validation' : 'train'} whole; use by: id to split the examples of a group`,
      ]);
      expect(single.reports.empty_side).toBe(side);
    }
    // Three groups at 10%: seed 0 draws none of them for validation.
    const few = await runStep(split, { seed: 0 }, grouped().slice(0, 15));
    expect(few.counters.train).toBe(15);
    expect(few.warnings).toEqual([
      'split: validation is empty: the 10% share drew none of the 3 groups; ask for a number of examples (validation: 1) or try another seed',
    ]);
    // Both sides filled, or no validation asked for, or a count that asks for everything (warned already): no warning.
    expect((await runStep(split, {}, grouped())).warnings).toEqual([]);
    expect((await runStep(split, { validation: 0 }, grouped().slice(0, 5))).warnings).toEqual([]);
    expect((await runStep(split, { validation: 9 }, grouped().slice(0, 5))).warnings).toHaveLength(1);
  });

  it('rejects a fractional count', () => {
    expect(split.options.safeParse({ validation: 12.5 }).success).toBe(false);
  });

  it('conforms to the step contract', async () => {
    await checkStepConformance(split, {}, grouped().slice(0, 30));
    await checkStepConformance(split, { validation: 5, stratify: 'label' }, grouped().slice(0, 30));
  });
});

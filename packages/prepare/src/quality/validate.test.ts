import { readFileSync } from 'node:fs';
import { checkStepConformance, makeRecord, runStep } from '@tunekit/core/testing';
import { describe, expect, it } from 'vitest';
import { validate } from './validate.js';

const fixture = new URL('./fixtures/', import.meta.url);
const lines = readFileSync(new URL('broken-chat.jsonl', fixture), 'utf8').trim().split('\n');
const expected = JSON.parse(readFileSync(new URL('broken-chat.expected.json', fixture), 'utf8')) as Record<
  string,
  string
>;
const records = lines.map((text, i) =>
  makeRecord(JSON.parse(text), { id: `broken:${i + 1}`, source: { file: 'broken.jsonl', line: i + 1 } }),
);

describe('validate', () => {
  it('rejects every broken line with its code, line, message index and key; keeps the good ones', async () => {
    const run = await runStep(validate, {}, records);
    const rejected = Object.fromEntries(run.rejected.map((r) => [String(r.detail.line), r.code]));
    expect(rejected).toEqual(expected);
    expect(run.out).toHaveLength(lines.length - Object.keys(expected).length);
    const weight = run.rejected.find((r) => r.code === 'invalid_weight')!;
    expect(weight.detail).toMatchObject({ messageIndex: 1, key: 'weight' });
    expect(run.counters.special_token_in_text).toBe(1);
    expect(run.ledger).toMatchObject({ in: lines.length, out: run.out.length, rejected: run.rejected.length });
    expect(run.reports.file).toMatchObject({ format: 'chat', examples: run.out.length, problems: [] });
  });

  it('checks the preference and prompt/completion formats', async () => {
    const preference = [
      {
        input: { messages: [{ role: 'user', content: 'Hi' }] },
        preferred_output: [{ role: 'assistant', content: 'Hello!' }],
        non_preferred_output: [{ role: 'assistant', content: 'Go away.' }],
      },
      {
        input: { messages: [{ role: 'user', content: 'Hi' }] },
        preferred_completion: [{ role: 'assistant', content: 'a' }],
        non_preferred_completion: [{ role: 'assistant', content: 'b' }],
      },
      {
        input: { messages: [{ role: 'user', content: 'Hi' }] },
        preferred_output: [{ role: 'assistant', content: 'a' }],
      },
    ].map((data) => makeRecord(data));
    const run = await runStep(validate, {}, preference);
    expect(run.out).toHaveLength(1);
    expect(run.rejected.map((r) => r.code)).toEqual(['preference_completion_keys', 'preference_missing_output']);
    const completion = [
      { prompt: 'Q ->', completion: ' A\n' },
      { prompt: 'Q ->', completion: '' },
      { prompt: 'Q', completion: ' A', extra: 1 },
    ].map((d) => makeRecord(d));
    const run2 = await runStep(validate, { format: 'completion' }, completion);
    expect(run2.rejected.map((r) => r.code)).toEqual(['empty_completion', 'completion_unrecognized_key']);
  });

  it("flags a format the pipeline's model does not train on (default model: gpt-4o-mini), or fails when asked", async () => {
    const pairs = Array.from({ length: 12 }, (_, i) => makeRecord({ prompt: `Q${i} ->`, completion: ` A${i}\n` }));
    const chatModel = await runStep(validate, {}, pairs);
    expect(chatModel.out).toHaveLength(12); // lines are fine; the file is not for this model
    expect(chatModel.reports.file).toMatchObject({
      format: 'completion',
      problems: [{ code: 'format_not_for_model' }],
    });
    expect(chatModel.counters.format_not_for_model).toBe(1);
    const legacy = await runStep(validate, {}, pairs, { model: 'davinci-002' });
    expect(legacy.reports.file).toMatchObject({ format: 'completion', problems: [] });
    await expect(runStep(validate, { file_checks: 'error' }, pairs)).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      context: { field: 'model' },
    });
    const unknownModel = await runStep(validate, {}, pairs, { model: 'not-in-the-catalog' });
    expect(unknownModel.reports.file).toMatchObject({ problems: [] });
  });

  it('warns about fewer than 10 examples in the manifest, or fails when asked', async () => {
    const few = records.slice(0, 1);
    const run = await runStep(validate, {}, few);
    expect(run.reports.file).toMatchObject({ examples: 1, problems: [{ code: 'too_few_examples' }] });
    expect(run.counters.too_few_examples).toBe(1);
    await expect(runStep(validate, { file_checks: 'error' }, few)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });

  it('conforms to the step contract', async () => {
    await checkStepConformance(validate, {}, records.slice(0, 12));
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkStepConformance, makeRecord, runStep } from '@tunekit/core/testing';
import { describe, expect, it } from 'vitest';
import { readCsvStep } from '../sources/read-csv.js';
import { readLegalStep } from '../sources/read-legal.js';
import { toChatStep } from './to-chat.js';

const data = resolve(import.meta.dirname, '../../../../data');

describe('to-chat', () => {
  it('turns the multiple-choice CSV into chat lines and rejects a row whose template field is missing', async () => {
    const rows = (await runStep(readCsvStep, { path: 'disc-lawllm/mcq_sing_lbk.csv' }, [], { baseDir: data })).out;
    rows[3] = { ...rows[3]!, data: { ...(rows[3]!.data as object), D: '' } };
    const options = {
      system: '你是法律考试助手。只回答选项字母和内容。',
      user: '{{input}}\nA. {{A}}\nB. {{B}}\nC. {{C}}\nD. {{D}}',
      assistant: '{{output}}',
      group: '{{source}}',
    };
    const r = await runStep(toChatStep, options, rows);
    expect(r.out).toHaveLength(274);
    const first = r.out[0]!;
    expect(first.id).toBe(rows[0]!.id);
    expect(first.source).toEqual(rows[0]!.source);
    expect(first.group).toBe('legal knowledge');
    expect(first.data).toEqual({
      messages: [
        { role: 'system', content: '你是法律考试助手。只回答选项字母和内容。' },
        {
          role: 'user',
          content: '我国第一部社会主义类型的宪法颁布于什么时候？\nA. 1949年\nB. 1954年\nC. 1978年\nD. 1982年',
        },
        { role: 'assistant', content: 'B' },
      ],
    });
    expect(r.rejected).toEqual([
      expect.objectContaining({
        code: 'template_missing_field',
        detail: expect.objectContaining({ key: 'D', line: 5, message: 'template field "D" is empty' }),
      }),
    ]);
    await checkStepConformance(toChatStep, options, rows.slice(0, 5));
  });

  it('stops the run when a template field is in no record (a typo or a column the file lacks)', async () => {
    const options = { user: '{{question}} {{contxt}}', assistant: '{{answer}}' };
    const rows = (n: number, extra: object = {}) =>
      Array.from({ length: n }, (_, i) => makeRecord({ question: `q${i}`, answer: `a${i}`, ...extra }));
    await expect(runStep(toChatStep, options, rows(3))).rejects.toMatchObject({
      code: 'OPTION_INVALID',
      message: 'template field {{contxt}} of `user` is in none of the 3 records; their fields: question, answer',
      context: { field: 'user' },
    });
    // A large input stops after its first thousand records instead of rejecting every row.
    await expect(runStep(toChatStep, options, rows(5000))).rejects.toMatchObject({
      message: expect.stringContaining('is in none of the first 1000 records'),
    });
    // A field some records have is a per-record problem: rejects, no error.
    const mixed = [...rows(3), makeRecord({ question: 'q', answer: 'a', contxt: 'c' })];
    const run = await runStep(toChatStep, options, mixed);
    expect([run.out.length, run.rejected.length]).toEqual([1, 3]);
    expect(run.rejected[0]!.detail).toMatchObject({ key: 'contxt', message: 'template field "contxt" is missing' });
  });

  it('generates statute Q&A from read-legal chunks, keeping each chunk group and declaring parents', async () => {
    const chunks = (
      await runStep(readLegalStep, { path: 'statutes-zh/消费者权益保护法(2013-10-25).md' }, [], { baseDir: data })
    ).out;
    const r = await runStep(
      toChatStep,
      { tasks: ['article_text', 'article_for_topic'], system: '你是消费者权益法助手。' },
      chunks,
    );
    expect(r.out).toHaveLength(126);
    const [text, topic] = r.out;
    expect(text!.parents).toEqual([chunks[0]!.id]);
    expect(text!.id).toBe(`${chunks[0]!.id}#1`);
    expect(text!.group).toBe(chunks[0]!.group);
    expect((text!.data as { messages: { content: string }[] }).messages.map((m) => m.content)).toEqual([
      '你是消费者权益法助手。',
      '《中华人民共和国消费者权益保护法》第一条规定了什么？',
      '为保护消费者的合法权益，维护社会经济秩序，促进社会主义市场经济健康发展，制定本法。',
    ]);
    expect((topic!.data as { messages: { content: string }[] }).messages[1]!.content).toBe(
      '《中华人民共和国消费者权益保护法》中哪一条规定了“总则”方面的内容？',
    );
    expect(r.ledger.in).toBe(63);
  });

  it('rejects only the task of a chunk that cannot be built, with its code, task and source line', async () => {
    // A law without chapters: its articles have no topic, so article_for_topic cannot ask about one.
    const law = '# 快递暂行条例\n\n第一条 为了促进快递业健康发展。\n\n第二条 本条例适用于快递业务。\n';
    const dir = mkdtempSync(join(tmpdir(), 'to-chat-'));
    writeFileSync(join(dir, 'law.md'), law);
    const chunks = (await runStep(readLegalStep, { path: 'law.md' }, [], { baseDir: dir })).out;
    const r = await runStep(toChatStep, { tasks: ['article_text', 'article_for_topic'] }, chunks);
    expect(r.out.map((x) => [x.id, x.parents])).toEqual([
      ['law.md:3#1', ['law.md:3']],
      ['law.md:5#1', ['law.md:5']],
    ]);
    expect(r.rejected.map((x) => [x.record.id, x.record.parents, x.code, x.detail])).toEqual([
      [
        'law.md:3#2',
        ['law.md:3'],
        'template_missing_field',
        { message: 'template field "topic" is empty', key: 'topic', line: 3, task: 'article_for_topic' },
      ],
      [
        'law.md:5#2',
        ['law.md:5'],
        'template_missing_field',
        { message: 'template field "topic" is empty', key: 'topic', line: 5, task: 'article_for_topic' },
      ],
    ]);
    expect(r.ledger).toMatchObject({ in: 2, out: 2, rejected: 2, discarded: 0 });
  });

  it('maps multi-turn rows, passes chat lines through, and builds DPO and prompt/completion lines', async () => {
    const turns = await runStep(
      toChatStep,
      {
        system: 'Be brief.',
        turns: {
          field: 'conversation',
          role_key: 'from',
          content_key: 'value',
          roles: { human: 'user', gpt: 'assistant' },
        },
      },
      [
        makeRecord({
          conversation: [
            { from: 'human', value: 'Hi' },
            { from: 'gpt', value: 'Hello' },
          ],
        }),
        makeRecord({ conversation: [{ from: 'robot', value: '?' }] }),
        makeRecord({
          messages: [
            { role: 'user', content: 'a' },
            { role: 'assistant', content: 'b' },
          ],
          extra: 1,
        }),
      ],
    );
    expect(turns.out.map((x) => x.data)).toEqual([
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'b' },
        ],
      },
    ]);
    expect(turns.rejected.map((x) => x.code)).toEqual(['turns_invalid']);

    const dpo = await runStep(toChatStep, { user: '{{q}}', preference: { chosen: '{{good}}', rejected: '{{bad}}' } }, [
      makeRecord({ q: 'Q', good: 'G', bad: 'B' }),
    ]);
    expect(dpo.out[0]!.data).toEqual({
      input: { messages: [{ role: 'user', content: 'Q' }] },
      preferred_output: [{ role: 'assistant', content: 'G' }],
      non_preferred_output: [{ role: 'assistant', content: 'B' }],
    });

    const legacy = await runStep(toChatStep, { completion: { prompt: '{{q}}', completion: '{{a}}' } }, [
      makeRecord({ q: 'Is it hearsay?', a: 'Yes' }),
      makeRecord({ q: 'x\n\n###\n\ny', a: 'No' }),
    ]);
    expect(legacy.out.map((x) => x.data)).toEqual([{ prompt: 'Is it hearsay?\n\n###\n\n', completion: ' Yes\n' }]);
    expect(legacy.rejected.map((x) => x.code)).toEqual(['completion_convention']);
  });

  it('refuses templates with unbalanced braces as an option error', async () => {
    await expect(runStep(toChatStep, { user: '{{q}', assistant: '{{a}}' }, [])).rejects.toMatchObject({
      code: 'OPTION_INVALID',
    });
    // A given task template is checked before any chunk arrives (task templates are compiled once, not per chunk).
    const badTask = { tasks: [{ task: 'article_text', question: '{{law}' }] };
    await expect(runStep(toChatStep, badTask, [])).rejects.toMatchObject({ code: 'OPTION_INVALID' });
  });
});

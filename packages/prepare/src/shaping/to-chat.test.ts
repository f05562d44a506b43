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
    // 63 articles, one line each, and one line per chapter (8 topics) listing its articles.
    expect(r.out).toHaveLength(71);
    const [text] = r.out;
    expect(text!.parents).toEqual([chunks[0]!.id]);
    expect(text!.id).toBe(`${chunks[0]!.id}#1`);
    expect(text!.group).toBe(chunks[0]!.group);
    expect((text!.data as { messages: { content: string }[] }).messages.map((m) => m.content)).toEqual([
      '你是消费者权益法助手。',
      '《中华人民共和国消费者权益保护法》第一条规定了什么？',
      '为保护消费者的合法权益，维护社会经济秩序，促进社会主义市场经济健康发展，制定本法。',
    ]);
    // The topic's line follows its last article and names all six of 总则 as parents.
    const topic = r.out[6]!;
    expect(topic.id).toBe(`${chunks[0]!.id}#2`);
    expect(topic.parents).toEqual(chunks.slice(0, 6).map((c) => c.id));
    expect(topic.group).toBe(chunks[0]!.group);
    const [, question, answer] = (topic.data as { messages: { content: string }[] }).messages.map((m) => m.content);
    expect(question).toBe('《中华人民共和国消费者权益保护法》中哪些条文规定了“总则”方面的内容？');
    expect(answer!.startsWith('第一条：为保护消费者的合法权益')).toBe(true);
    expect(answer!.match(/^第.条：/gm)).toEqual([
      '第一条：',
      '第二条：',
      '第三条：',
      '第四条：',
      '第五条：',
      '第六条：',
    ]);
    // No question is asked twice.
    const questions = r.out.map((x) => (x.data as { messages: { content: string }[] }).messages[1]!.content);
    expect(new Set(questions).size).toBe(questions.length);
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

  it('stops with one line when tasks meet no article at all (CSV rows), rather than discarding every row', async () => {
    const rows = [makeRecord({ input: 'q1', output: 'a1' }), makeRecord({ input: 'q2', output: 'a2' })];
    const error = await runStep(toChatStep, { tasks: ['article_text'] }, rows).catch((e) => e);
    expect(error.code).toBe('OPTION_INVALID');
    expect(error.message).toMatch(/none of the 2 records has `article`; their fields: input, output$/);
    // Some chunks without an article (a preamble) among articles are discarded as before.
    const mixed = [makeRecord({ text: 'Preamble.' }), makeRecord({ law: 'Act', article: 'Article 1', text: 'One.' })];
    const r = await runStep(toChatStep, { tasks: ['article_text'] }, mixed);
    expect([r.out.length, r.discarded.map((d) => d.reason)]).toEqual([1, ['not_an_article']]);
  });

  it('judges those at the end only: a folder may hold a long prose document before its statutes', async () => {
    const prose = Array.from({ length: 1001 }, (_, i) => makeRecord({ law: 'Notes', text: `Paragraph ${i}.` }));
    const article = (extra: object = {}) => makeRecord({ law: 'Act', article: 'Article 1', text: 'One.', ...extra });
    const r = await runStep(toChatStep, { tasks: ['article_text'] }, [...prose, article()]);
    expect(r.out).toHaveLength(1);
    // A field only some chunks have (footnotes, part), met after a thousand chunks without it.
    const some = [...Array.from({ length: 1001 }, () => article()), article({ note: 'n' })];
    const noted = await runStep(toChatStep, { tasks: [{ task: 'article_text', answer: '{{note}}' }] }, some);
    expect([noted.out.length, noted.rejected.length]).toEqual([1, 1001]);
  });

  it('refuses line templates beside tasks, which would be ignored', () => {
    const parsed = toChatStep.options.safeParse({
      tasks: ['article_text'],
      user: '{{article}}',
      assistant: '{{text}}',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['user'], expect.stringMatching(/^does nothing with `tasks`/)],
      [['assistant'], expect.stringMatching(/^does nothing with `tasks`/)],
    ]);
    expect(toChatStep.options.safeParse({ tasks: ['article_text'], system: 'Cite the law.' }).success).toBe(true);
  });

  it('stops with one line on a task template slot none of its lines can fill, as user/assistant templates do', async () => {
    const law =
      '# 快递暂行条例\n\n## 第一章 总则\n\n第一条 为了促进快递业健康发展。\n\n第二条 本条例适用于快递业务。\n';
    const dir = mkdtempSync(join(tmpdir(), 'to-chat-'));
    writeFileSync(join(dir, 'law.md'), law);
    const chunks = (await runStep(readLegalStep, { path: 'law.md' }, [], { baseDir: dir })).out;
    const typo = { tasks: ['article_text', { task: 'article_for_topic', question: '{{law}}：{{topc}}' }] };
    const error = await runStep(toChatStep, typo, structuredClone(chunks)).catch((e) => e);
    expect(error.code).toBe('OPTION_INVALID');
    expect(error.message).toMatch(/^template field \{\{topc\}\} of `tasks\[1\]\.question` is in none of the record;/);
    // `listing` is a field of a topic's line only.
    const misplaced = { tasks: [{ task: 'article_text', answer: '{{listing}}' }] };
    const second = await runStep(toChatStep, misplaced, structuredClone(chunks)).catch((e) => e);
    expect(second.message).toMatch(
      /^template field \{\{listing\}\} of `tasks\[0\]\.answer` is in none of the 2 records;/,
    );
    // So does a `group` slot, which rejected every chunk.
    const grouped = { tasks: ['article_text'], group: '{{chapter}}' };
    const third = await runStep(toChatStep, grouped, structuredClone(chunks)).catch((e) => e);
    expect(third.message).toMatch(/^template field \{\{chapter\}\} of `group` is in none of the 2 records;/);
  });

  it('rejects the topic task of an article whose topic comes back after its line was made (rows out of order)', async () => {
    const row = (line: number, article: string, topic: string) =>
      makeRecord(
        { law: 'Consumer Act', article, topic, text: `${article} text.` },
        { id: `pre.jsonl:${line}`, source: { file: 'pre.jsonl', line } },
      );
    const rows = [row(1, 'Article 1', 'Scope'), row(2, 'Article 2', 'Notices'), row(3, 'Article 3', 'Scope')];
    const r = await runStep(toChatStep, { tasks: ['article_text', 'article_for_topic'] }, rows);
    const questions = r.out.map((x) => (x.data as { messages: { content: string }[] }).messages[0]!.content);
    // One line per topic question: a second "govern Scope?" line would answer it with Article 3 alone.
    expect(questions.filter((q) => q.includes('govern Scope'))).toHaveLength(1);
    expect(r.rejected.map((x) => [x.record.id, x.record.parents, x.code, x.detail.task])).toEqual([
      ['pre.jsonl:3#2', ['pre.jsonl:3'], 'topic_not_contiguous', 'article_for_topic'],
    ]);
    expect(r.rejected[0]!.detail.message).toContain('its line was made with the articles from `pre.jsonl:1`');
    expect(r.warnings).toHaveLength(1);
    expect(r.ledger).toMatchObject({ in: 3, out: 5, rejected: 1 });
  });

  it('lists the articles of a topic in one line, the parts of a split article included, the last topic at the end', async () => {
    const long = Array.from(
      { length: 12 },
      (_, i) => `Paragraph ${i + 1} of the notice rules applies to every seller.`,
    );
    const law = [
      '# Consumer Act',
      '## Scope',
      'Article 1 This Act protects consumers.',
      'Article 2 This Act applies to sales.',
      '## Notices',
      `Article 3 ${long.join('\n\n')}`,
      'Article 4 Notices are in writing.',
      '',
    ].join('\n\n');
    const dir = mkdtempSync(join(tmpdir(), 'to-chat-'));
    writeFileSync(join(dir, 'act.md'), law);
    const chunks = (await runStep(readLegalStep, { path: 'act.md', max_chunk_tokens: 64 }, [], { baseDir: dir })).out;
    expect(chunks.filter((c) => (c.data as { part?: number }).part !== undefined).length).toBeGreaterThan(1);
    const r = await runStep(toChatStep, { tasks: ['article_for_topic', 'article_text'] }, chunks);
    const lines = r.out.map((x) => [
      x.id,
      (x.data as { messages: { content: string }[] }).messages.map((m) => m.content),
    ]);
    const topics = lines.filter(([id]) => String(id).endsWith('#1'));
    expect(topics.map(([, m]) => m![0])).toEqual([
      'Which articles of the Consumer Act govern Scope?',
      'Which articles of the Consumer Act govern Notices?',
    ]);
    expect(topics[0]![1]![1]).toBe('Article 1: This Act protects consumers.\n\nArticle 2: This Act applies to sales.');
    // Article 3 was split into parts: no article_text line for it, but its whole text is in the topic's answer.
    expect(topics[1]![1]![1]).toBe(`Article 3: ${long.join('\n\n')}\n\nArticle 4: Notices are in writing.`);
    expect(r.out.at(-1)!.parents).toEqual(
      chunks.filter((c) => (c.data as { topic: string }).topic === 'Notices').map((c) => c.id),
    );
    expect(lines.filter(([id]) => String(id).endsWith('#2')).map(([, m]) => m![0])).toEqual([
      'What does Article 1 of the Consumer Act say?',
      'What does Article 2 of the Consumer Act say?',
      'What does Article 4 of the Consumer Act say?',
    ]);
    expect(r.ledger).toMatchObject({ in: chunks.length, rejected: 0, discarded: 0 });

    expect(r.warnings).toEqual([]);
    // Grouped by article, a topic's articles are in several groups: said once, counted per topic.
    const byArticle = await runStep(toChatStep, { tasks: ['article_for_topic'], group: '{{article}}' }, chunks);
    expect(byArticle.counters.topics_across_groups).toBe(2);
    expect(byArticle.warnings).toEqual([
      "to-chat: `act.md:7` is in group `Article 2`, the first article of its topic (`act.md:5`) in `Article 1`: the topic's line goes with the first, so the split may put an article's text on both sides; group by chapter or document to keep a topic on one side",
    ]);

    // A topic line that cannot be built is rejected once, naming every article of the topic (a topic line's fields
    // are its first article's: only the first topic's has `note`).
    const noted = chunks.map((c, i) => (i === 0 ? { ...c, data: { ...(c.data as object), note: 'n' } } : c));
    const broken = await runStep(toChatStep, { tasks: [{ task: 'article_for_topic', answer: '{{note}}' }] }, noted);
    expect(broken.out.map((x) => x.id)).toEqual(['act.md:5#1']);
    expect(broken.rejected.map((x) => [x.record.id, x.record.parents?.length, x.detail.key])).toEqual([
      [expect.stringMatching(/^act\.md:11/), chunks.length - 2, 'note'],
    ]);
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

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkStepConformance, makeRecord, runStep } from '@tunekit/core/testing';
import { describe, expect, it } from 'vitest';
import { dedupe } from './dedupe.js';

const statute = readFileSync(
  `${resolve(import.meta.dirname, '../../../../data')}/statutes-zh/消费者权益保护法(2013-10-25).md`,
  'utf8',
);
const articles = statute
  .split(/\n(?=第[一二三四五六七八九十百]+条)/)
  .filter((a) => a.startsWith('第') && a.length > 60);

function chat(user: string, assistant: string) {
  return {
    messages: [
      { role: 'user', content: user },
      { role: 'assistant', content: assistant },
    ],
  };
}

function englishRecords() {
  const tsv = readFileSync(`${resolve(import.meta.dirname, '../../../../data')}/legalbench/hearsay/train.tsv`, 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return tsv.map((row, i) =>
    makeRecord(chat(row.split('\t').at(-1)!, 'answer'), {
      id: `hearsay:${i}`,
      source: { file: 'hearsay.tsv', line: i + 2 },
    }),
  );
}

describe('dedupe', () => {
  it('drops exact duplicates after normalisation and names the kept id', async () => {
    const records = englishRecords();
    const copy = structuredClone(records[1]!);
    copy.id = 'copy';
    const messages = (copy.data as ReturnType<typeof chat>).messages;
    messages[0]!.content = `  ${messages[0]!.content.toUpperCase()}!! `;
    const run = await runStep(dedupe, {}, [...records, copy]);
    expect(run.out.map((r) => r.id)).toEqual(records.map((r) => r.id));
    expect(run.discarded).toHaveLength(1);
    expect(run.discarded[0]).toMatchObject({ reason: 'duplicate', detail: { keptId: records[1]!.id, similarity: 1 } });
    expect(run.counters.exact_duplicates).toBe(1);
  });

  it('normalize_punctuation: false keeps texts apart that differ only in symbols', async () => {
    const pairs = [
      [chat('Is x > 1?', 'Yes.'), chat('Is x > -1?', 'Yes.')],
      [chat('Which language is this: C', 'It is.'), chat('Which language is this: C++', 'It is.')],
    ];
    const records = pairs.flat().map((data) => makeRecord(data));
    expect((await runStep(dedupe, {}, records)).out).toHaveLength(2);
    const kept = await runStep(dedupe, { normalize_punctuation: false, near: { threshold: 0.8 } }, records);
    expect(kept.out).toHaveLength(4);
    const copy = makeRecord(chat('  is X > -1? ', 'yes.'));
    expect((await runStep(dedupe, { normalize_punctuation: false }, [...records, copy])).discarded).toHaveLength(1);
  });

  it('key: prompt treats the same question with another answer as a duplicate', async () => {
    const a = makeRecord(chat('What is hearsay?', 'An out-of-court statement.'));
    const b = makeRecord(chat('What is hearsay?', 'Something else entirely.'));
    expect((await runStep(dedupe, {}, [a, b])).out).toHaveLength(2);
    const byPrompt = await runStep(dedupe, { key: 'prompt' }, [a, b]);
    expect(byPrompt.out.map((r) => r.id)).toEqual([a.id]);
  });

  it('finds near duplicates of Chinese statute articles (character shingles) and keeps distinct ones', async () => {
    expect(articles.length).toBeGreaterThan(40);
    const originals = articles.slice(0, 40).map((text, i) => makeRecord(chat(text, '好的'), { id: `art:${i}` }));
    // An edited copy: one character changed in the middle, a sentence appended.
    const source = articles[7]!;
    const edited = `${source.slice(0, 30)}甲${source.slice(31)}（注）`;
    const near = makeRecord(chat(edited, '好的'), { id: 'edited' });
    const run = await runStep(dedupe, { near: { threshold: 0.7 } }, [...originals, near]);
    expect(run.out).toHaveLength(40);
    expect(run.discarded).toHaveLength(1);
    expect(run.discarded[0]!.detail.keptId).toBe('art:7');
    expect(run.discarded[0]!.detail.similarity).toBeGreaterThan(0.7);
    expect(run.counters.near_duplicates).toBe(1);
  });

  it('reports lines that ask an earlier prompt with another answer, whatever the number of workers', async () => {
    const system = { role: 'system', content: 'You answer questions about consumer law.' };
    const line = (user: string, assistant: string) => ({ messages: [system, ...chat(user, assistant).messages] });
    const input = [
      makeRecord(line('Which articles govern refunds?', 'Article 24.'), { id: 'a' }),
      makeRecord(line('Which articles govern refunds?', 'Article 25.'), { id: 'b' }),
      makeRecord(line('Which articles govern refunds?', 'Article 24.'), { id: 'exact copy of a' }),
      makeRecord(line('Which articles govern returns?', 'Article 25.'), { id: 'other prompt' }),
      makeRecord(line('Which articles govern refunds?', 'Articles 24 and 25.'), { id: 'e' }),
      // The same characters in other messages: another prompt.
      makeRecord(chat(`${system.content}Which articles govern refunds?`, 'None.'), { id: 'split differently' }),
      makeRecord({ prompt: 'Which articles govern refunds?', completion: ' 26' }, { id: 'legacy' }),
    ];
    for (const workers of [1, 2]) {
      const run = await runStep(dedupe, { batch_size: 2 }, structuredClone(input), { workers });
      expect(run.out.map((r) => r.id)).toEqual(['a', 'b', 'other prompt', 'e', 'split differently', 'legacy']);
      expect(run.counters.conflicting_answers).toBe(2);
      expect(run.reports.conflicting_answers).toEqual({
        prompts: 1,
        lines: 2,
        examples: [
          { id: 'b', same_prompt_as: 'a' },
          { id: 'e', same_prompt_as: 'a' },
        ],
      });
      expect(run.warnings).toEqual([
        'dedupe: 2 lines ask the prompt of an earlier line with another answer (1 prompt; the first: `b` asks what `a` asks): a model trained on both picks one at random; `key: prompt` keeps the first answer only',
      ]);
    }
    // key: prompt already keeps the first answer of a prompt; check_conflicts: false turns the check off.
    const byPrompt = await runStep(dedupe, { key: 'prompt' }, structuredClone(input));
    expect([byPrompt.out.length, byPrompt.reports.conflicting_answers, byPrompt.warnings]).toEqual([3, undefined, []]);
    const off = await runStep(dedupe, { check_conflicts: false }, structuredClone(input));
    expect([off.out.length, off.reports.conflicting_answers, off.warnings]).toEqual([6, undefined, []]);
  });

  it('checks preference lines by their preferred output and completions too; another rejected output is another pair', async () => {
    const pair = (prompt: string, preferred: string, rejected: string) => ({
      input: { messages: [{ role: 'user', content: prompt }] },
      preferred_output: [{ role: 'assistant', content: preferred }],
      non_preferred_output: [{ role: 'assistant', content: rejected }],
    });
    const input = [
      makeRecord(pair('Is a verbal contract valid?', 'Often, yes.', 'Never.'), { id: 'p1' }),
      makeRecord(pair('Is a verbal contract valid?', 'Often, yes.', 'Only in writing.'), { id: 'another rejected' }),
      makeRecord(pair('Is a verbal contract valid?', 'Never.', 'Often, yes.'), { id: 'reversed' }),
      makeRecord({ prompt: 'Refund period? ->', completion: ' 7 days' }, { id: 'c1' }),
      makeRecord({ prompt: 'Refund period? ->', completion: ' 14 days' }, { id: 'c2' }),
    ];
    for (const workers of [1, 2]) {
      const run = await runStep(dedupe, {}, structuredClone(input), { workers });
      expect(run.out.map((r) => r.id)).toEqual(['p1', 'another rejected', 'reversed', 'c1', 'c2']);
      expect(run.reports.conflicting_answers).toEqual({
        prompts: 2,
        lines: 2,
        examples: [
          { id: 'reversed', same_prompt_as: 'p1' },
          { id: 'c2', same_prompt_as: 'c1' },
        ],
      });
    }
  });

  it('takes tools for part of the prompt, as inspect does: other tools, another prompt', async () => {
    const tool = (name: string) => [{ type: 'function', function: { name, parameters: { type: 'object' } } }];
    const input = [
      makeRecord({ ...chat('Refund period?', 'Calling lookup.'), tools: tool('lookup') }, { id: 'lookup' }),
      makeRecord({ ...chat('Refund period?', 'Calling search.'), tools: tool('search') }, { id: 'search' }),
      makeRecord({ ...chat('Refund period?', 'Calling it.'), tools: tool('lookup') }, { id: 'lookup again' }),
    ];
    const run = await runStep(dedupe, {}, input);
    expect(run.reports.conflicting_answers).toEqual({
      prompts: 1,
      lines: 1,
      examples: [{ id: 'lookup again', same_prompt_as: 'lookup' }],
    });
  });

  it('keeps the same conversation with other tools: neither an exact nor a near duplicate', async () => {
    const tool = (name: string) => [
      { type: 'function', function: { name, description: 'Looks up a statute article by number.', parameters: {} } },
    ];
    const text = articles[3]!;
    const near = `${text.slice(0, -4)}。`;
    const input = [
      makeRecord({ ...chat(text, '好的'), tools: tool('lookup') }, { id: 'lookup' }),
      makeRecord({ ...chat(text, '好的'), tools: tool('search') }, { id: 'search' }),
      makeRecord({ ...chat(text, '好的'), tools: tool('lookup') }, { id: 'lookup again' }),
      makeRecord(chat(text, '好的'), { id: 'no tools' }),
      makeRecord({ ...chat(near, '好的'), tools: tool('lookup') }, { id: 'lookup, near' }),
      makeRecord({ ...chat(near, '好的'), tools: tool('search') }, { id: 'search, near' }),
      makeRecord(chat(near, '好的'), { id: 'no tools, near' }),
    ];
    for (const workers of [1, 2]) {
      const run = await runStep(dedupe, { near: { threshold: 0.8 } }, structuredClone(input), { workers });
      expect(run.out.map((r) => r.id)).toEqual(['lookup', 'search', 'no tools']);
      expect(run.discarded.map((d) => [d.record.id, d.detail?.keptId, d.detail?.kind])).toEqual([
        ['lookup again', 'lookup', 'exact'],
        ['lookup, near', 'lookup', 'near'],
        ['search, near', 'search', 'near'],
        ['no tools, near', 'no tools', 'near'],
      ]);
    }
    // key: prompt — the tools are part of the prompt: another answer under the same tools is a duplicate.
    const prompts = [input[0]!, makeRecord({ ...chat(text, '不好'), tools: tool('lookup') }, { id: 'other answer' })];
    expect(
      (await runStep(dedupe, { key: 'prompt' }, structuredClone([...prompts, input[1]!]))).out.map((r) => r.id),
    ).toEqual(['lookup', 'search']);
  });

  it('gives byte-identical results with 1 and 2 workers', async () => {
    const base = articles.map((text, i) => makeRecord(chat(text, '好的'), { id: `a:${i}` }));
    const noisy = articles.map((text, i) => makeRecord(chat(`${text.slice(0, -4)}。`, '好的'), { id: `b:${i}` }));
    const input = [...base, ...noisy, ...englishRecords()];
    const options = { near: { threshold: 0.8 }, batch_size: 16 };
    const one = await runStep(dedupe, options, structuredClone(input), { workers: 1 });
    const two = await runStep(dedupe, options, structuredClone(input), { workers: 2 });
    expect(one.discarded.length).toBeGreaterThan(10);
    expect(JSON.stringify(two.out)).toBe(JSON.stringify(one.out));
    expect(JSON.stringify(two.discarded)).toBe(JSON.stringify(one.discarded));
  });

  it('rejects an odd number of permutations', () => {
    expect(dedupe.options.safeParse({ near: { bands: 3, rows: 3 } }).success).toBe(false);
  });

  it('conforms to the step contract', async () => {
    const sample = englishRecords().slice(0, 20);
    await checkStepConformance(dedupe, { near: {} }, sample);
    await checkStepConformance(dedupe, { near: {} }, sample, { workers: 2 });
  });
});

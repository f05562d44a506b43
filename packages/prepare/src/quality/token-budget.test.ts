import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkStepConformance, makeRecord, runStep } from '@tunekit/core/testing';
import { describe, expect, it } from 'vitest';
import { tokenBudget } from './token-budget.js';

const toy = readFileSync(
  `${resolve(import.meta.dirname, '../../../../data')}/openai-cookbook/toy_chat_fine_tuning.jsonl`,
  'utf8',
)
  .trim()
  .split('\n')
  .map((text, i) => makeRecord(JSON.parse(text), { id: `toy:${i + 1}`, source: { file: 'toy.jsonl', line: i + 1 } }));
const model = 'gpt-3.5-turbo-0613'; // cl100k_base, 4,096-token examples: the notebook's original setting

describe('token-budget', () => {
  it("drops the notebook's over-long example and reports its token figures", async () => {
    const run = await runStep(tokenBudget, {}, toy, { model });
    expect(run.out.map((r) => r.id)).toEqual(['toy:1', 'toy:2', 'toy:3', 'toy:4']);
    expect(run.rejected).toMatchObject([{ code: 'too_long', detail: { line: 5, tokens: 8032, limit: 4096 } }]);
    expect(run.reports.tokens).toMatchObject({
      examples: 4,
      total: 45 + 111 + 26 + 28,
      too_long: 1,
      example_token_limit: 4096,
    });
    expect((run.reports.tokens as { distribution: { tokens: { max: number } } }).distribution.tokens.max).toBe(111);
    // 4 examples: the service picks min(25, 100 // 4) = 25 epochs.
    expect(run.reports.estimate).toMatchObject({
      examples: 4,
      epochs: 25,
      billingTokens: 210,
      chargedTokens: 5250,
      pricePerMillion: 8,
    });
    expect((run.reports.estimate as { costUsd: number }).costUsd).toBeCloseTo(0.042, 6);
  });

  it('truncates user text, never the assistant answer, and records the cut', async () => {
    const statute = readFileSync(
      `${resolve(import.meta.dirname, '../../../../data')}/statutes-zh/消费者权益保护法(2013-10-25).md`,
      'utf8',
    ).slice(0, 3000);
    const system = { role: 'system', content: 'You are a consumer-law assistant.' };
    const assistant = { role: 'assistant', content: '根据第二十四条，经营者应当负责退货。' };
    const long = makeRecord({ messages: [system, { role: 'user', content: statute }, assistant] }, { id: 'long' });
    const run = await runStep(tokenBudget, { max_example_tokens: 200, on_exceed: 'truncate' }, [long, ...toy], {
      model,
    });
    const shortened = run.out.find((r) => r.id === 'long')!;
    const cut = shortened.meta.truncated as {
      tokensBefore: number;
      tokensAfter: number;
      cuts: { role: string; messageIndex: number }[];
    };
    expect(cut.tokensBefore).toBeGreaterThan(1000);
    expect(cut.tokensAfter).toBeLessThanOrEqual(200);
    expect(cut.tokensAfter).toBeGreaterThan(190);
    expect(cut.cuts).toMatchObject([{ role: 'user', messageIndex: 1 }]);
    const messages = (shortened.data as { messages: { content: string }[] }).messages;
    expect(messages[2]!.content).toBe(assistant.content);
    expect(statute.startsWith(messages[1]!.content)).toBe(true);
    expect((run.reports.tokens as { truncated: number }).truncated).toBe(1);
    // The banana example only fits by cutting its 8,000-token answer: rejected, not cut.
    expect(run.rejected.map((r) => [r.record.id, r.code])).toEqual([['toy:5', 'too_long']]);
  });

  it('cuts between characters: never half of an emoji or of an emoji sequence', async () => {
    const emoji = '😀🎉👍🏽👨‍👩‍👧';
    const user = { role: 'user', content: `${emoji.repeat(40)} 中华人民共和国` };
    const line = { messages: [user, { role: 'assistant', content: '是' }] };
    for (const limit of [14, 17, 25, 60]) {
      const run = await runStep(tokenBudget, { max_example_tokens: limit, on_exceed: 'truncate' }, [makeRecord(line)], {
        model,
      });
      const content = (run.out[0]!.data as { messages: { content: string }[] }).messages[0]!.content;
      expect(content.isWellFormed()).toBe(true);
      expect([...new Intl.Segmenter().segment(content)].every(({ segment }) => emoji.includes(segment))).toBe(true);
      expect((run.out[0]!.meta.truncated as { tokensAfter: number }).tokensAfter).toBeLessThanOrEqual(limit);
    }
  });

  it('fails the run on an over-long example with on_exceed: error', async () => {
    await expect(runStep(tokenBudget, { on_exceed: 'error' }, toy, { model })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      context: { line: 5 },
    });
  });

  it('leaves out, in stream order, what does not fit the dataset budget', async () => {
    const run = await runStep(tokenBudget, { max_total_tokens: 100 }, toy, { model });
    expect(run.out.map((r) => r.id)).toEqual(['toy:1', 'toy:3', 'toy:4']);
    expect(run.discarded.map((d) => [d.record.id, d.reason])).toEqual([['toy:2', 'over_budget']]);
    const costCapped = await runStep(tokenBudget, { max_cost_usd: 0.0025, n_epochs: 3 }, toy, { model });
    // $0.0025 at $8/1M over 3 epochs = 104 tokens per epoch.
    expect(costCapped.out.map((r) => r.id)).toEqual(['toy:1', 'toy:3', 'toy:4']);
  });

  it('counts the same with 1 and 2 workers', async () => {
    const many = Array.from({ length: 40 }, (_, i) => makeRecord(structuredClone(toy[i % 4]!.data), { id: `m:${i}` }));
    const one = await runStep(tokenBudget, { batch_size: 8 }, many, { model, workers: 1 });
    const two = await runStep(tokenBudget, { batch_size: 8 }, many, { model, workers: 2 });
    expect(JSON.stringify(two.reports)).toBe(JSON.stringify(one.reports));
    expect(two.out.map((r) => r.id)).toEqual(one.out.map((r) => r.id));
  });

  it('conforms to the step contract', async () => {
    await checkStepConformance(tokenBudget, {}, toy, { model });
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { countExampleTokens, loadTokenCounter } from '@tunekit/format';
import { describe, expect, it } from 'vitest';
import { chatStrings, countChatStrings } from './chat-strings.js';
import { createTokenCountTask, tokenCountItem } from './token-count-task.js';

const data = resolve(import.meta.dirname, '../../../../../data');
const toy = readFileSync(`${data}/openai-cookbook/toy_chat_fine_tuning.jsonl`, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as unknown);
const system = { role: 'system', content: 'You are a consumer-law assistant.' };
const statute = readFileSync(`${data}/statutes-zh/消费者权益保护法(2013-10-25).md`, 'utf8').slice(0, 2000);
const chinese = {
  messages: [system, { role: 'user', content: statute }, { role: 'assistant', content: '经营者应当负责退货。' }],
};

describe('chat strings', () => {
  it('flattens plain chats and leaves every other shape to the full counter', () => {
    expect(chatStrings(chinese)).toEqual([
      system.role,
      system.content,
      'user',
      statute,
      'assistant',
      '经营者应当负责退货。',
    ]);
    expect(chatStrings({ messages: [{ role: 'user', content: 'hi', name: 'bo' }] })).toBeUndefined();
    expect(chatStrings({ messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] })).toBeUndefined();
    expect(chatStrings({ messages: [], tools: [] })).toBeUndefined();
    expect(chatStrings({ prompt: 'a', completion: 'b' })).toBeUndefined();
    expect(tokenCountItem([{ role: 'user', content: 'hi' }])).toBeNull();
  });

  it("counts exactly as the notebook's formula on real lines, in both encodings", async () => {
    const lines = [...toy, chinese, { messages: [] }];
    for (const encoding of ['cl100k_base', 'o200k_base']) {
      const counter = await loadTokenCounter(encoding);
      for (const line of lines) {
        const strings = chatStrings(line);
        expect(strings).toBeDefined();
        expect(countChatStrings(strings!, counter)).toEqual(countExampleTokens(line, counter));
      }
    }
  });

  it('gives the task the same counts for flattened and whole lines', async () => {
    const lines = [...toy, chinese, { messages: [{ role: 'user', content: 'hi', name: 'bo' }] }, [1], 'text'];
    const task = createTokenCountTask({ encoding: 'cl100k_base' });
    const flat = await task(lines.map(tokenCountItem));
    const whole = await task(lines.map((line) => (Array.isArray(line) ? null : line)));
    const counter = await loadTokenCounter('cl100k_base');
    expect([...flat.total]).toEqual(lines.map((line) => countExampleTokens(line, counter).total));
    expect(flat).toEqual(whole);
    expect(flat.total[0]).toBeGreaterThan(10);
  });
});

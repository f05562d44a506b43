import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../io.js';
import { main } from '../main.js';

const TOY = `${resolve(import.meta.dirname, '../../../../data')}/openai-cookbook/toy_chat_fine_tuning.jsonl`;
const STATUTE = `${resolve(import.meta.dirname, '../../../../data')}/statutes-zh/宪法.md`;

function fakeIO(): { io: CliIO; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk) => out.push(String(chunk)));
  stderr.on('data', (chunk) => err.push(String(chunk)));
  return {
    io: { stdout, stderr, env: {}, isTTY: false, color: false, exitCode: 0 },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

async function inspect(...args: string[]) {
  const fake = fakeIO();
  const code = await main(['node', 'tunekit', 'inspect', ...args], fake.io);
  return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

describe('tunekit inspect', () => {
  it('agrees with the data-preparation notebook on the toy file (--json)', async () => {
    const { stdout, code } = await inspect(TOY, '--model', 'gpt-3.5-turbo-0613', '--json');
    const report = JSON.parse(stdout);
    for (const key of [
      'examples',
      'format_errors',
      'tokens',
      'example_token_limit',
      'too_long',
      'epochs',
      'billing_tokens',
      'charged_tokens',
      'estimated_cost_usd',
    ]) {
      expect(report).toHaveProperty(key);
    }
    expect(report).toMatchObject({
      examples: 5,
      format_errors: {},
      example_token_limit: 4096,
      too_long: 1,
      epochs: 20,
      billing_tokens: 4306,
      charged_tokens: 86_120,
      missing_system: 1,
      missing_user: 1,
      tokens: { min: 26, max: 8032, mean: 1648.4, median: 45 },
    });
    expect(report.tokens.p10).toBeCloseTo(26.8, 6);
    expect(report.tokens.p90).toBeCloseTo(4863.6, 6);
    expect(report.estimated_cost_usd).toBeCloseTo(0.68896, 8);
    expect(code).toBe(1); // 5 examples: the service needs at least 10
  });

  it('prints a readable table by default and honours --example-token-limit', async () => {
    const { stdout } = await inspect(TOY, '--model', 'gpt-3.5-turbo-0125', '--example-token-limit', '4096');
    expect(stdout).toMatch(/tokens\s+26\s+8,032/);
    expect(stdout).toMatch(/20 epochs × 4,306 billing tokens = 86,120 charged tokens/);
    expect(stdout).toMatch(/\$0\.69 at \$8\.00 per 1M/);
    expect(stdout).not.toContain('Retires:');
    const tuned = await inspect(TOY, '--model', 'gpt-4o-mini', '--json');
    expect(JSON.parse(tuned.stdout).retires).toMatchObject({ model: 'gpt-4o-mini-2024-07-18', on: '2027-01-14' });
    expect((await inspect(TOY, '--model', 'gpt-4o-mini')).stdout).toMatch(
      /\nRetires: gpt-4o-mini-2024-07-18 and the fine-tunes built on it retired? on 2027-01-14 \(/,
    );
  });

  it('counts format errors by code with line numbers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-inspect-'));
    const file = join(dir, 'mixed.jsonl');
    const good = JSON.stringify({
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
      ],
    });
    const lines = [
      good,
      '{"messages": [}',
      JSON.stringify({ messages: [{ role: 'user', content: 'only a question' }] }),
      '',
      good,
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const { stdout, code } = await inspect(file, '--json');
    const report = JSON.parse(stdout);
    expect(report.examples).toBe(4);
    expect(report.valid_examples).toBe(2);
    expect(report.format_errors).toEqual({ invalid_json: 1, example_missing_assistant_message: 1 });
    expect(report.format_error_lines).toEqual({ invalid_json: [2], example_missing_assistant_message: [3] });
    expect(code).toBe(1);
  });

  it('finds lines that repeat an earlier one, and prompts asked again with another answer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-inspect-'));
    const file = join(dir, 'repeats.jsonl');
    const system = { role: 'system', content: 'You answer questions about consumer law.' };
    const line = (question: string, answer: string, extra: object = {}) =>
      JSON.stringify({
        messages: [system, { role: 'user', content: question }, { role: 'assistant', content: answer }],
        ...extra,
      });
    const tool = { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } };
    const lines = [
      line('Which articles govern refunds?', 'Article 24.'),
      line('Which articles govern refunds?', 'Article 25.'),
      line('Which articles govern returns?', 'Article 25.'),
      line('Which articles govern refunds?', 'Article 24.'),
      line('Which articles govern refunds?', 'Article 25.'),
      // Another tool set is another prompt; the same words in another role too.
      line('Which articles govern refunds?', 'Article 26.', { tools: [tool] }),
      JSON.stringify({
        messages: [
          { role: 'user', content: system.content },
          { role: 'user', content: 'Which articles govern refunds?' },
          { role: 'assistant', content: 'Article 27.' },
        ],
      }),
      line('Which articles govern refunds?', 'Articles 24 and 25.'),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const report = JSON.parse((await inspect(file, '--json')).stdout);
    expect(report).toMatchObject({
      repeated_examples: 2,
      repeated_example_lines: [
        [4, 1],
        [5, 2],
      ],
      conflicting_answers: 2,
      conflicting_answer_lines: [
        [2, 1],
        [8, 1],
      ],
    });
    const { stdout } = await inspect(file);
    expect(stdout).toContain(
      "Repeats: 2 lines repeat an earlier one (line 4 repeats 1, 5 repeats 2); 2 ask an earlier line's prompt with another answer (line 2 asks what 1 asks, 8 asks what 1 asks): a model trained on both picks one at random",
    );
    expect((await inspect(TOY)).stdout).not.toContain('Repeats:');
  });

  it('writes counts of a thousand and more with separators, as the examples count', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-inspect-'));
    const file = join(dir, 'copies.jsonl');
    const line = JSON.stringify({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'a' },
      ],
    });
    await writeFile(file, `${Array(1001).fill(line).join('\n')}\n`);
    const { stdout } = await inspect(file);
    expect(stdout).toContain('copies.jsonl: 1,001 examples (chat), 1,001 valid');
    expect(stdout).toContain('Repeats: 1,000 lines repeat an earlier one (line 2 repeats 1,');
  });

  it("takes a preference line's preferred output as its answer: another rejected output is another pair", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-inspect-'));
    const file = join(dir, 'pairs.jsonl');
    const pair = (preferred: string, rejected: string) =>
      JSON.stringify({
        input: { messages: [{ role: 'user', content: 'Is a verbal contract valid?' }] },
        preferred_output: [{ role: 'assistant', content: preferred }],
        non_preferred_output: [{ role: 'assistant', content: rejected }],
      });
    const lines = [
      pair('Often, yes.', 'Never.'),
      pair('Often, yes.', 'Only in writing.'),
      pair('Never.', 'Often, yes.'),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const report = JSON.parse((await inspect(file, '--json')).stdout);
    expect(report).toMatchObject({ repeated_examples: 0, conflicting_answers: 1, conflicting_answer_lines: [[3, 1]] });
  });

  it('flags prompt/completion lines for a chat model, and takes them for davinci-002', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-inspect-'));
    const file = join(dir, 'legacy.jsonl');
    const pairs = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({ prompt: `question ${i} ->`, completion: ` answer ${i}\n` }),
    );
    await writeFile(file, `${pairs.join('\n')}\n`);
    const chat = await inspect(file, '--json');
    expect(chat.code).toBe(1);
    expect(JSON.parse(chat.stdout).file_problems).toEqual([
      expect.objectContaining({ code: 'format_not_for_model', message: expect.stringContaining('davinci-002') }),
    ]);
    expect((await inspect(file)).stdout).toMatch(/File: gpt-4o-mini-2024-07-18 trains on chat and preference lines/);
    const legacy = await inspect(file, '--model', 'davinci-002', '--json');
    expect(legacy.code).toBe(0); // advice does not fail the file
    expect(JSON.parse(legacy.stdout).file_problems).toEqual([]);
    // The legacy tool's advice: these prompts share " ->" and completions a leading space and "\n", but 12 is few.
    expect(JSON.parse(legacy.stdout).completion_advice.map((a: { code: string }) => a.code)).toEqual(['few_examples']);
    expect((await inspect(file, '--model', 'davinci-002')).stdout).toContain('Advice: 12 examples: the legacy guide');
  });

  it('says in one line that a file is not JSONL, exit 2', async () => {
    const { code, stderr, stdout } = await inspect(STATUTE);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`${STATUTE}:1: not a JSONL file`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('flags a file that is not UTF-8 (a GBK export parses, its text garbled) with the line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-inspect-'));
    const lines = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: `合同第${i}条？` },
          { role: 'assistant', content: '退款。' },
        ],
      }),
    );
    const utf8 = join(dir, 'utf8.jsonl');
    await writeFile(utf8, `${lines.join('\n')}\n`);
    const gbk = join(dir, 'gbk.jsonl');
    // A fourth line as a GBK export writes it: 合同 is BA CF CD AC there, which is not UTF-8.
    const gbkLine = Buffer.concat([
      Buffer.from('{"messages":[{"role":"user","content":"'),
      Buffer.from([0xba, 0xcf, 0xcd, 0xac]),
      Buffer.from('"}]}\n'),
    ]);
    await writeFile(gbk, Buffer.concat([Buffer.from(`${lines.slice(0, 3).join('\n')}\n`), gbkLine]));
    expect((await inspect(utf8, '--json')).code).toBe(0);
    const run = await inspect(gbk, '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).file_problems[0]).toMatchObject({
      code: 'not_utf8',
      message: expect.stringMatching(/^line 4 is not valid UTF-8/),
    });
  });

  it('flags a UTF-8 byte order mark as a format error on line 1 (the service rejects it), exit 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-inspect-'));
    const lines = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: `Clause ${i}?` },
          { role: 'assistant', content: 'Refund.' },
        ],
      }),
    );
    const marked = join(dir, 'bom.jsonl');
    await writeFile(marked, `\uFEFF${lines.join('\n')}\n`);
    const run = await inspect(marked, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.format_errors).toEqual({ utf8_bom: 1 });
    expect(report.format_error_lines).toEqual({ utf8_bom: [1] });
    expect(report).toMatchObject({ examples: 12, valid_examples: 11 });
    const text = await inspect(marked);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/utf8_bom\s+1 {2}line 1\n/);
  });

  it('says why a UTF-16 file or a JSON array is not JSONL, in one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-inspect-'));
    const line = JSON.stringify({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'a' },
      ],
    });
    const utf16 = join(dir, 'utf16.jsonl');
    await writeFile(utf16, Buffer.from(`\uFEFF${line}\n`, 'utf16le'));
    const array = join(dir, 'array.json');
    await writeFile(array, `[\n${line}\n]\n`);
    const wide = await inspect(utf16);
    expect(wide.code).toBe(2);
    expect(wide.stderr).toContain(`${utf16}:1: not a JSONL file`);
    expect(wide.stderr).toContain('UTF-16');
    const listed = await inspect(array);
    expect(listed.code).toBe(2);
    expect(listed.stderr).toContain('one JSON array is not JSONL');
    for (const run of [wide, listed]) expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('takes a literal U+FFFD for text, not for UTF-16 or another encoding: the bytes tell', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-inspect-'));
    const lines = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: i === 0 ? 'What is \uFFFD\uFFFD in the scan?' : `Clause ${i}?` },
          { role: 'assistant', content: 'Unreadable text.' },
        ],
      }),
    );
    const literal = join(dir, 'literal.jsonl');
    await writeFile(literal, `${lines.join('\n')}\n`);
    const clean = await inspect(literal, '--json');
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).file_problems).toEqual([]);
    const leading = join(dir, 'leading.jsonl');
    await writeFile(leading, `\uFFFD\uFFFD${lines.join('\n')}\n`);
    const garbled = await inspect(leading);
    expect(garbled.code).toBe(2);
    expect(garbled.stderr).toContain('line 1 must be one JSON object, but it is not JSON');
    expect(garbled.stderr).not.toContain('UTF-16');
  });

  it('fails on an unknown model and a missing file with exit 2', async () => {
    const typo = await inspect(TOY, '--model', 'gpt-4o-minii');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('tunekit: unknown model gpt-4o-minii; did you mean gpt-4o-mini?\n');
    const unknown = await inspect(TOY, '--model', 'llama-zzz-70b-chat');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'tunekit: unknown model llama-zzz-70b-chat; --model takes a catalog model such as gpt-4o-mini-2024-07-18\n',
    );
    const missing = await inspect('/nonexistent/train.jsonl');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/train\.jsonl: file not found/);
  });
});

import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChatRequest, type EvaluatorRuntime, type Provider, silentLogger, TunekitError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../report/render-markdown.js';
import type { ItemRow, ReportData } from '../report/report-data.js';
import { runEvaluation } from './run-evaluation.js';
import { baseModelOf } from './training-info.js';

const QUESTIONS = ['What is a tort?', 'What is a contract?', 'What is hearsay?', 'What is a lien?'];

async function runFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-outcomes-'));
  const line = (q: string) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: q },
        { role: 'assistant', content: `answer to ${q}` },
      ],
    });
  await writeFile(join(dir, 'validation.jsonl'), `${QUESTIONS.map(line).join('\n')}\n`);
  return dir;
}

/** Answers with the reference at `endpoint`; `fails(request)` makes a call fail for good (HTTP 404). */
function provider(endpoint: string, calls: ChatRequest[], fails: (request: ChatRequest) => boolean = () => false) {
  return (): Provider => ({
    specVersion: 'v1',
    endpoint,
    async chat(request) {
      calls.push(request);
      if (fails(request)) {
        throw new TunekitError('PROVIDER_ERROR', `${request.model} at ${endpoint}: HTTP 404 model_not_found`, {
          context: { status: 404, retryable: false },
        });
      }
      const user = String(request.messages.at(-1)?.content ?? '');
      return { text: `answer to ${user}`, latencyMs: 3, usage: { promptTokens: 10, completionTokens: 5 } };
    },
  });
}

function runtime(dir: string, extra: Partial<EvaluatorRuntime> = {}): EvaluatorRuntime {
  return {
    runDir: dir,
    baseDir: dir,
    logger: silentLogger,
    signal: new AbortController().signal,
    providers: { openai: {} },
    ...extra,
  };
}

const section = {
  candidates: [
    { name: 'tuned', model: 'ft:gpt-4o-mini-2024-07-18:org:legal:abc123' },
    { name: 'base', model: 'gpt-4o-mini-2024-07-18' },
  ],
  scorers: ['exact'],
  max_retries: 0,
  report: ['json', 'md'],
};

async function rows(dir: string): Promise<ItemRow[]> {
  return (await readFile(join(dir, 'eval/items.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ItemRow);
}

describe('the response cache across reruns', () => {
  it('a sandbox rerun on a new port answers everything from the cache', async () => {
    const dir = await runFolder();
    const first: ChatRequest[] = [];
    await runEvaluation(section, runtime(dir, { sandbox: true }), {
      createProvider: provider('http://127.0.0.1:41001/v1', first),
    });
    expect(first).toHaveLength(8);
    const again: ChatRequest[] = [];
    await runEvaluation(section, runtime(dir, { sandbox: true }), {
      createProvider: provider('http://127.0.0.1:41002/v1', again),
    });
    expect(again).toHaveLength(0);
    expect((await rows(dir)).every((r) => r.outputs.tuned?.cached && r.outputs.base?.cached)).toBe(true);
  });

  it('a real endpoint keeps its URL in the key: another URL asks again', async () => {
    const dir = await runFolder();
    await runEvaluation(section, runtime(dir), { createProvider: provider('https://one.example/v1', []) });
    const again: ChatRequest[] = [];
    await runEvaluation(section, runtime(dir), { createProvider: provider('https://two.example/v1', again) });
    expect(again).toHaveLength(8);
    const same: ChatRequest[] = [];
    await runEvaluation(section, runtime(dir), { createProvider: provider('https://two.example/v1', same) });
    expect(same).toHaveLength(0);
  });
});

describe('a candidate without a single output', () => {
  it('fails the evaluation in one line naming it and the first error, after writing the reports', async () => {
    const dir = await runFolder();
    const failing = provider('https://api.example/v1', [], (request) => request.model.startsWith('ft:'));
    const outcome = await runEvaluation(section, runtime(dir), { createProvider: failing });
    const failure = outcome.failure!;
    expect(failure.code).toBe('PROVIDER_ERROR');
    expect(failure.message).toBe(
      'evaluate: candidate `tuned` got no output for any of the 4 item(s); first error (item validation.jsonl:1): failed after 1 attempt(s): ft:gpt-4o-mini-2024-07-18:org:legal:abc123 at https://api.example/v1: HTTP 404 model_not_found',
    );
    expect(failure.hint).toMatch(/reports written: .*: report\.json, report\.md/);
    // What was done is returned with it: the reports written and the summary.
    expect(outcome.gatePassed).toBe(false);
    expect(outcome.reports.map((r) => r.slice(dir.length + 1)).sort()).toEqual(['report.json', 'report.md']);
    expect(outcome.summary).toMatch(/^4 items × 2 candidates; 4 item\(s\) with generation errors/);
    await access(join(dir, 'report.json'));
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as ReportData;
    const md = await readFile(join(dir, 'report.md'), 'utf8');
    expect(md).toBe(renderMarkdown(report));
    expect(md).toContain('tuned: no item scored, every one failed');
  });

  it('with no candidate answering, the headline says so instead of "No scores."', async () => {
    const dir = await runFolder();
    const outcome = await runEvaluation({ ...section, candidates: [section.candidates[0]!] }, runtime(dir), {
      createProvider: provider('https://api.example/v1', [], () => true),
    });
    expect(outcome.failure?.message).toMatch(/candidate `tuned` got no output/);
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('**No scores: tuned failed on every item.**');
  });

  it('an outputs file that matches no item fails the same way', async () => {
    const dir = await runFolder();
    await writeFile(join(dir, 'outputs.jsonl'), `${JSON.stringify({ id: 'other:1', output: 'x' })}\n`);
    const outcome = await runEvaluation(
      { ...section, candidates: [{ name: 'offline', outputs: 'outputs.jsonl' }, section.candidates[1]!] },
      runtime(dir),
      { createProvider: provider('https://api.example/v1', []) },
    );
    expect(outcome.failure).toMatchObject({ code: 'STEP_FAILED' });
    expect(outcome.failure?.message).toMatch(
      /candidate `offline` got no output for any of the 4 item\(s\); first error \(item validation\.jsonl:1\): no output for item validation\.jsonl:1 in outputs\.jsonl/,
    );
  });

  it('an empty data file fails the evaluation as a user error: nothing was evaluated', async () => {
    const dir = await runFolder();
    await writeFile(join(dir, 'validation.jsonl'), '\n');
    const outcome = await runEvaluation(section, runtime(dir), {
      createProvider: provider('https://api.example/v1', []),
    });
    expect(outcome.failure).toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/^evaluate: \S*validation\.jsonl holds no items, so nothing was evaluated$/),
      hint: 'evaluate.data names a JSONL file of chat lines or rows',
    });
    expect(outcome.gatePassed).toBe(false);
  });

  it('partial failures stay a warning in the summary', async () => {
    const dir = await runFolder();
    const some = provider(
      'https://api.example/v1',
      [],
      (r) => r.model.startsWith('ft:') && /tort|lien/.test(String(r.messages.at(-1)?.content)),
    );
    const outcome = await runEvaluation(section, runtime(dir), { createProvider: some });
    expect(outcome.gatePassed).toBe(true);
    expect(outcome.summary).toContain('2 item(s) with generation errors');
  });
});

describe('the training section of report.json', () => {
  it('names the base model: from the fine-tuned id, else the pipeline model', async () => {
    const dir = await runFolder();
    const tuned = 'ft:gpt-4o-mini-2024-07-18:org:legal:abc123';
    await runEvaluation(
      section,
      runtime(dir, { model: 'gpt-4o-mini-2024-07-18', train: { model: tuned, costUsd: 0.01, trainedTokens: 100 } }),
      {
        createProvider: provider('https://api.example/v1', []),
      },
    );
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as ReportData;
    expect(report.training).toMatchObject({ model: tuned, baseModel: 'gpt-4o-mini-2024-07-18' });
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain(`Training: ${tuned} from gpt-4o-mini-2024-07-18,`);
    expect(baseModelOf('ft:gpt-4.1-mini-2025-04-14:org::xyz', 'gpt-4o-mini-2024-07-18')).toBe(
      'gpt-4.1-mini-2025-04-14',
    );
    expect(baseModelOf('my-local-tune', 'llama-3-8b')).toBe('llama-3-8b');
  });
});

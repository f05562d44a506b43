import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ChatRequest, type EvaluatorRuntime, type Provider, silentLogger, TunekitError } from '@tunekit/core';
import { describe, expect, it } from 'vitest';
import type { ItemRow, ReportData } from '../report/report-data.js';
import { runEvaluation } from './run-evaluation.js';

const QA = JSON.parse(
  await readFile(`${resolve(import.meta.dirname, '../../../../data')}/disc-lawllm/qa_short_answer.json`, 'utf8'),
) as {
  input: string;
  output: string;
}[];

async function setup(count: number) {
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-eval-'));
  const lines = QA.slice(0, count).map((q) =>
    JSON.stringify({
      messages: [
        { role: 'system', content: '你是法律助手。' },
        { role: 'user', content: q.input },
        { role: 'assistant', content: q.output },
      ],
    }),
  );
  const train = QA.slice(200, 260).map((q) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: q.input },
        { role: 'assistant', content: q.output },
      ],
    }),
  );
  await writeFile(join(dir, 'validation.jsonl'), `${lines.join('\n')}\n`);
  await writeFile(join(dir, 'train.jsonl'), `${train.join('\n')}\n`);
  return dir;
}

/** Answers with the reference for even-numbered user messages (by length), fails `failEvery`-th calls with a 503. */
function fakeProvider(options: { failEvery?: number; calls: ChatRequest[] }): Provider {
  const answers = new Map(QA.map((q) => [q.input, q.output]));
  let n = 0;
  return {
    specVersion: 'v1',
    endpoint: 'fake://test',
    async chat(request) {
      options.calls.push(request);
      n++;
      if (options.failEvery && n % options.failEvery === 0) {
        throw new TunekitError('PROVIDER_ERROR', 'HTTP 503', { context: { status: 503, retryable: true } });
      }
      const user = String(request.messages.at(-1)?.content ?? '');
      const good = request.model === 'good' || user.length % 2 === 0;
      return {
        text: good ? (answers.get(user) ?? '') : '不知道',
        latencyMs: 5,
        usage: { promptTokens: request.messages.length * 100, completionTokens: 20 },
      };
    },
  };
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
    { name: 'tuned', model: 'good' },
    { name: 'few-shot', model: 'gpt-4o-2024-08-06', prompt: { few_shot: { k: 3, select: 'nearest' } } },
  ],
  scorers: ['exact', 'token-f1'],
  compare: { baseline: 'few-shot', gate: { metric: 'exact', non_inferiority_margin: 0.02 } },
  report: ['json'],
};

async function rows(dir: string): Promise<ItemRow[]> {
  return (await readFile(join(dir, 'eval/items.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ItemRow);
}

describe('runEvaluation', () => {
  it('scores every item of every candidate, compares with the baseline and passes the gate', async () => {
    const dir = await setup(40);
    const calls: ChatRequest[] = [];
    const outcome = await runEvaluation(section, runtime(dir), { createProvider: () => fakeProvider({ calls }) });
    expect(outcome.gatePassed).toBe(true);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as ReportData;
    expect(report.items.count).toBe(40);
    const exactTuned = report.summaries.find((s) => s.candidate === 'tuned' && s.scorer === 'exact');
    expect(exactTuned?.mean).toBe(1);
    const diff = report.comparisons.find((c) => c.scorer === 'exact');
    expect(diff?.test).toBe('mcnemar-exact');
    expect(diff?.diff).toBeGreaterThan(0);
    // few-shot: 3 user/assistant pairs from train before the item, the item's own system message kept
    const fewShot = calls.find((c) => c.model.startsWith('gpt-4o'));
    expect(fewShot?.messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    const economics = report.economics.find((e) => e.candidate === 'few-shot');
    expect(economics?.costPer1kUsd).toBeGreaterThan(0);
    expect(report.economics.find((e) => e.candidate === 'tuned')?.promptTokensSavedPerRequest).toBe(600);
    expect(await rows(dir)).toHaveLength(40);
    // two comparisons (exact, token-f1) corrected together: Holm doubles the smaller p, the larger stays (or rises
    // to the adjusted smaller one)
    expect(report.correction).toEqual({ method: 'holm', family: 2 });
    const [low, high] = [...report.comparisons].sort((a, b) => a.pValue! - b.pValue!);
    expect(low!.pAdjusted).toBe(Math.min(1, 2 * low!.pValue!));
    expect(high!.pAdjusted).toBe(Math.max(low!.pAdjusted!, high!.pValue!));
  });

  it('leaves every p as its test gave it with compare.correction: none', async () => {
    const dir = await setup(12);
    const compare = { ...section.compare, correction: 'none' };
    await runEvaluation({ ...section, compare }, runtime(dir), { createProvider: () => fakeProvider({ calls: [] }) });
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as ReportData;
    expect(report.correction).toEqual({ method: 'none', family: 2 });
    expect(report.comparisons.every((c) => c.pAdjusted === undefined && c.pValue !== null)).toBe(true);
  });

  it('retries transient failures; a rerun answers everything from the cache', async () => {
    const dir = await setup(30);
    const calls: ChatRequest[] = [];
    await runEvaluation(section, runtime(dir), {
      createProvider: () => fakeProvider({ calls, failEvery: 5 }),
      backoffBaseMs: 1,
    });
    const first = await rows(dir);
    expect(first.every((r) => r.outputs.tuned?.output !== null && r.outputs['few-shot']?.output !== null)).toBe(true);
    const again: ChatRequest[] = [];
    await runEvaluation(section, runtime(dir), { createProvider: () => fakeProvider({ calls: again }) });
    expect(again).toHaveLength(0);
    expect((await rows(dir)).every((r) => r.outputs.tuned?.cached === true)).toBe(true);
    const noCache: ChatRequest[] = [];
    await runEvaluation(section, runtime(dir, { noCache: true }), {
      createProvider: () => fakeProvider({ calls: noCache }),
    });
    expect(noCache).toHaveLength(60);
  });

  it('records an item that keeps failing as an error and goes on (to fail the run: no candidate got an output)', async () => {
    const dir = await setup(10);
    const calls: ChatRequest[] = [];
    const outcome = await runEvaluation({ ...section, max_retries: 1 }, runtime(dir), {
      createProvider: () => fakeProvider({ calls, failEvery: 1 }),
      backoffBaseMs: 1,
    });
    expect(outcome.failure?.message).toMatch(
      /candidate `tuned` got no output for any of the 10 item\(s\) \(nor did `few-shot`\)/,
    );
    const all = await rows(dir);
    expect(all).toHaveLength(10);
    expect(all[0]?.outputs.tuned?.error).toMatch(/failed after 2 attempt\(s\): HTTP 503/);
    expect(all[0]?.outputs.tuned?.scores.exact?.error).toBeTruthy();
    expect(calls).toHaveLength(40);
  });

  it('rejects an unknown provider and an unresolved train.model in one line', async () => {
    const dir = await setup(2);
    await expect(
      runEvaluation(
        { ...section, compare: undefined, candidates: [{ name: 'a', model: 'x', provider: 'opnai' }] },
        runtime(dir),
      ),
    ).rejects.toThrow(/no provider named "opnai"/);
    await expect(
      runEvaluation(
        { ...section, compare: undefined, candidates: [{ name: 'a', model: '${{ train.model }}' }] },
        runtime(dir),
      ),
    ).rejects.toThrow(/no train section ran/);
    await expect(runEvaluation(section, runtime(dir))).rejects.toThrow(
      /environment variable OPENAI_API_KEY is not set/,
    );
    await expect(runEvaluation({ ...section, compare: { baseline: 'nobody' } }, runtime(dir))).rejects.toThrow(
      /evaluate\.compare\.baseline: no candidate is named "nobody"/,
    );
  });
});

describe('a judge whose provider rejects the key', () => {
  it('stops the run with that one error instead of a judge error on every item', async () => {
    const dir = await setup(5);
    const calls: ChatRequest[] = [];
    const rejecting: Provider = {
      specVersion: 'v1',
      endpoint: 'fake://judge',
      async chat() {
        throw new TunekitError('API_KEY_REJECTED', 'the key in JUDGE_KEY was rejected (HTTP 401)');
      },
    };
    const run = runEvaluation(
      {
        candidates: [{ name: 'tuned', model: 'good' }],
        scorers: [{ judge: { provider: 'judge', model: 'gpt-4o', rubric: 'Is it right?' } }],
        report: ['json'],
      },
      runtime(dir, { providers: { openai: {}, judge: {} } }),
      { createProvider: (name) => (name === 'judge' ? rejecting : fakeProvider({ calls })) },
    );
    await expect(run).rejects.toMatchObject({ code: 'API_KEY_REJECTED' });
  });
});

describe('what the judges cost', () => {
  /** A judge that always gives 1, and says it used 1,000 prompt and 50 completion tokens. */
  const judge = (calls: ChatRequest[]): Provider => ({
    specVersion: 'v1',
    endpoint: 'fake://judge',
    async chat(request) {
      calls.push(request);
      return {
        text: '{"score": 1, "reason": "fine"}',
        latencyMs: 5,
        usage: { promptTokens: 1000, completionTokens: 50 },
      };
    },
  });
  const judged = {
    candidates: [{ name: 'mini', model: 'gpt-4o-mini-2024-07-18' }],
    scorers: ['exact', { judge: { provider: 'judge', model: 'gpt-4o-2024-08-06', rubric: 'Is it right?' } }],
    report: ['json', 'md'],
  };

  it('reports the judge requests at the judge model’s price, and what a rerun from the cache pays', async () => {
    const dir = await setup(8);
    const rt = runtime(dir, { providers: { openai: {}, judge: {} } });
    const judgeCalls: ChatRequest[] = [];
    const deps = {
      createProvider: (name: string) => (name === 'judge' ? judge(judgeCalls) : fakeProvider({ calls: [] })),
    };
    const first = await runEvaluation(judged, rt, deps);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as ReportData;
    // gpt-4o-2024-08-06: $2.50 in, $10 out per 1M tokens → 8 × (1000 × 2.5 + 50 × 10) / 1M = $0.024.
    expect(judgeCalls).toHaveLength(8);
    expect(report.judges).toEqual([
      expect.objectContaining({
        scorer: 'judge',
        model: 'gpt-4o-2024-08-06',
        requests: 8,
        cacheHits: 0,
        tokensInPerRequest: 1000,
        costUsd: expect.closeTo(0.024, 9),
      }),
    ]);
    // The candidate: gpt-4o-mini at $0.15 / $0.60 per 1M, 2 messages × 100 prompt tokens and 20 completion tokens.
    const candidatesUsd = (8 * (200 * 0.15 + 20 * 0.6)) / 1e6;
    expect(report.cost?.candidatesUsd).toBeCloseTo(candidatesUsd, 12);
    expect(report.cost?.judgesUsd).toBeCloseTo(0.024, 12);
    expect(report.cost?.spentUsd).toBeCloseTo(0.024 + candidatesUsd, 12);
    expect(first.cost).toEqual(report.cost);
    const markdown = await readFile(join(dir, 'report.md'), 'utf8');
    expect(markdown).toContain('| judge | gpt-4o-2024-08-06 | 8 (0) | 1,000 / 50 | $0.024 |');
    expect(markdown).toContain('Prices as of 2024-07-23 and 2024-08-20.');
    expect(markdown).toContain('paid in this run');

    const again = await runEvaluation(judged, rt, deps);
    expect(judgeCalls).toHaveLength(8);
    expect(again.cost?.judgesUsd).toBeCloseTo(0.024, 12);
    expect(again.cost?.spentUsd).toBe(0);
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('$0 paid in this run, the rest answered from');
  });

  it('says the total is unknown when the judge model has no price', async () => {
    const dir = await setup(3);
    const rt = runtime(dir, { providers: { openai: {}, judge: {} } });
    const unpriced = {
      ...judged,
      scorers: [{ judge: { provider: 'judge', model: 'my-local-judge', rubric: 'Is it right?' } }],
    };
    await runEvaluation(unpriced, rt, {
      createProvider: (name: string) => (name === 'judge' ? judge([]) : fakeProvider({ calls: [] })),
    });
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as ReportData;
    expect(report.judges?.[0]?.costUsd).toBeNull();
    expect(report.cost?.judgesUsd).toBeNull();
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain(
      'an unknown amount (a model has no catalog price)',
    );
  });
});

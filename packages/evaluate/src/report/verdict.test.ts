import { describe, expect, it } from 'vitest';
import { summaryLine } from '../evaluator/summary-line.js';
import { evaluateGate } from '../stats/gate.js';
import { fourItemComparison } from './fixtures/four-items.js';
import { twoCandidates } from './fixtures/two-candidates.js';
import { renderHtml } from './html/render-html.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { buildVerdict } from './verdict.js';

describe('the verdict on 4 items', () => {
  const comparison = fourItemComparison();
  const gate = evaluateGate({ metric: 'f1', min_improvement: 0 }, 'base', [comparison], ['tuned']);
  const data = twoCandidates({ items: 4, summaries: [], comparison, gate });
  const reason = 'too few items to tell';

  it('says too few items to tell, and the gate fails for that reason', () => {
    expect(comparison.finding).toBe('too-few-items');
    const verdict = buildVerdict(data);
    expect(verdict.status).toBe('fail');
    expect(verdict.headline).toBe(
      'too few items to tell tuned from base on f1 (4 paired, at least 6 needed; +0.575 [−0.783, +1.000]), gate failed.',
    );
    expect(gate.checks[0]!.explanation).toBe(
      'tuned: too few items to tell (4 paired, at least 6 needed): cannot claim better than base by more than 0',
    );
    expect(verdict.details[0]).toBe(
      "f1: tuned − base = +0.575 [−0.783, +1.000], 95% CI (Hoeffding's interval: fewer than 6 items), p = 0.125, n = 4 (4 wins, 0 ties, 0 losses)",
    );
  });

  it('says the same in report.md, report.html, junit.xml and the run summary', async () => {
    expect(renderMarkdown(data)).toContain(`**❌ ${reason} tuned from base`);
    const html = await renderHtml(data, []);
    expect(html).toContain('class="verdict fail"');
    expect(html).toContain(`<h2>${reason} tuned from base`);
    expect(html).not.toContain('class="kpi tone-good"');
    expect(renderJunit(data)).toContain(`<failure message="tuned: ${reason} (4 paired, at least 6 needed)`);
    expect(summaryLine(data, 0)).toContain(`gate failed on f1: tuned: ${reason}`);
  });
});

describe('the verdict when the interval clears 0 but the test is not significant', () => {
  const data = twoCandidates({
    items: 40,
    summaries: [],
    comparison: {
      n: 40,
      diff: 0.1,
      ci: { low: 0.01, high: 0.2 },
      test: 'wilcoxon-signed-rank',
      pValue: 0.07,
      wins: 20,
      ties: 5,
      losses: 15,
    },
  });

  it('says no significant difference, not better, and colours nothing', async () => {
    expect(buildVerdict(data).headline).toBe(
      'tuned shows no significant difference from base on f1 (+0.100 [+0.010, +0.200], p = 0.070, n = 40).',
    );
    const html = await renderHtml(data, []);
    expect(html).not.toContain('class="kpi tone-good"');
    expect(html).not.toContain('num good');
  });
});

describe('the verdict without a baseline', () => {
  const summary = (candidate: string, mean: number) => ({
    candidate,
    scorer: 'f1',
    mean,
    ci: { low: mean - 0.1, high: mean + 0.1 },
    n: 30,
    errors: 0,
  });
  const data = (summaries: ReturnType<typeof summary>[]) => {
    const { baseline: _none, ...rest } = twoCandidates({ items: 30, summaries, comparison: fourItemComparison() });
    return { ...rest, comparisons: [] };
  };

  it('names the highest mean as such, not as the best, since nothing was tested', () => {
    expect(buildVerdict(data([summary('tuned', 0.52), summary('base', 0.51)])).headline).toBe(
      'Highest mean on f1: tuned (0.520 [0.420, 0.620]); no baseline is named, so no difference was tested.',
    );
  });

  it('gives a lone candidate’s score without ranking it', () => {
    expect(buildVerdict(data([summary('tuned', 0.52)])).headline).toBe('tuned on f1: 0.520 [0.420, 0.620].');
  });
});

it('speaks of the model this run trained, not of whichever candidate is listed first', () => {
  const data = twoCandidates({ items: 4, summaries: [], comparison: fourItemComparison() });
  const listed = {
    ...data,
    candidates: [
      { name: 'untuned', model: 'gpt-4o-mini', provider: 'openai', prompt: 'as is', isBaseline: false },
      ...data.candidates,
    ],
    training: { model: 'ft:gpt-4o-mini:x', loss: [] },
  };
  expect(buildVerdict(listed).subject).toEqual({ candidate: 'tuned', baseline: 'base', metric: 'f1' });
});

describe('a pairwise judge with a baseline of its own', () => {
  const f1 = twoCandidates({
    items: 40,
    summaries: [],
    comparison: {
      n: 40,
      diff: 0.1,
      ci: { low: 0.01, high: 0.2 },
      test: 'wilcoxon-signed-rank',
      pValue: 0.01,
      wins: 25,
      ties: 5,
      losses: 10,
    },
  });
  const headToHead = {
    candidate: 'tuned',
    baseline: 'other',
    scorer: 'h2h',
    n: 40,
    diff: 0.5,
    ci: { low: 0.2, high: 0.7 },
    test: 'pairwise-judge-sign' as const,
    pValue: 0.001,
    wins: 30,
    ties: 0,
    losses: 10,
  };
  const data = {
    ...f1,
    candidates: [
      ...f1.candidates,
      { name: 'other', model: 'gpt-4o-mini', provider: 'openai', prompt: 'as is', isBaseline: false },
    ],
    scorers: [{ name: 'h2h', kind: 'pairwise' as const, description: 'pairwise judge' }, ...f1.scorers],
    comparisons: [headToHead, ...f1.comparisons],
  };

  it('is left to the tables: the verdict speaks of the first scorer compared with the baseline', () => {
    const verdict = buildVerdict(data);
    expect(verdict.subject).toEqual({ candidate: 'tuned', baseline: 'base', metric: 'f1' });
    expect(verdict.headline).toBe('tuned is better than base on f1 by +0.100 [+0.010, +0.200].');
  });

  it('leaves a verdict with nothing against the baseline saying so', () => {
    const { baseline: _none, ...unnamed } = { ...data, scorers: data.scorers.slice(0, 1), comparisons: [headToHead] };
    expect(buildVerdict(unnamed).headline).toBe(
      'No baseline is named: the pairwise judges compare against baselines of their own (see the comparison table).',
    );
  });
});

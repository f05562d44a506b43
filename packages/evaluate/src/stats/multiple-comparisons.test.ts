import { describe, expect, it } from 'vitest';
import { summaryLine } from '../evaluator/summary-line.js';
import { evaluateOptionsSchema } from '../options.js';
import { twoCandidates } from '../report/fixtures/two-candidates.js';
import { renderHtml } from '../report/html/render-html.js';
import { renderJunit } from '../report/render-junit.js';
import { renderMarkdown } from '../report/render-markdown.js';
import type { Comparison } from '../report/report-data.js';
import { reportDataSchema } from '../report/report-schema.js';
import { buildVerdict } from '../report/verdict.js';
import { evaluateGate } from './gate.js';
import { correctForMultipleComparisons } from './multiple-comparisons.js';

/** tuned against base on three scorers, 40 pairs each, every interval above 0: only p decides. */
const raw = (scorer: string, pValue: number): Comparison => ({
  candidate: 'tuned',
  baseline: 'base',
  scorer,
  n: 40,
  diff: 0.1,
  ci: { low: 0.01, high: 0.2 },
  test: 'wilcoxon-signed-rank',
  pValue,
  finding: 'better',
  wins: 25,
  ties: 5,
  losses: 10,
});
// Holm on 0.01, 0.04, 0.03: 0.01·3 = 0.03; 0.03·2 = 0.06; 0.04·1 = 0.04, raised to 0.06
const family = [raw('f1', 0.01), raw('rouge-l', 0.04), raw('judge', 0.03)];

describe('Holm’s correction across the comparisons of a report', () => {
  const { comparisons, family: size } = correctForMultipleComparisons(family, 'holm');

  it('adjusts each p for the family and judges each comparison by it', () => {
    expect(size).toBe(3);
    expect(comparisons.map((c) => c.pValue)).toEqual([0.01, 0.04, 0.03]);
    expect(comparisons.map((c) => c.pAdjusted)).toEqual([
      expect.closeTo(0.03, 12),
      expect.closeTo(0.06, 12),
      expect.closeTo(0.06, 12),
    ]);
    expect(comparisons.map((c) => c.finding)).toEqual([
      'better',
      'no-significant-difference',
      'no-significant-difference',
    ]);
  });

  it('leaves p and findings alone with correction: none', () => {
    const none = correctForMultipleComparisons(family, 'none');
    expect(none.family).toBe(3);
    expect(none.comparisons.map((c) => c.pAdjusted)).toEqual([undefined, undefined, undefined]);
    expect(none.comparisons.map((c) => c.finding)).toEqual(['better', 'better', 'better']);
  });

  it('is what the verdict, the gate and every report read', async () => {
    const gate = evaluateGate({ metric: 'judge', min_improvement: 0 }, 'base', comparisons, ['tuned']);
    expect(gate.passed).toBe(false);
    expect(gate.checks[0]!.explanation).toBe(
      'tuned: no significant difference (Holm-adjusted p = 0.060, n = 40): cannot claim better than base by more than 0',
    );
    const base = twoCandidates({ items: 40, summaries: [], comparison: raw('f1', 0.01), gate });
    const data = { ...base, comparisons, correction: { method: 'holm' as const, family: 3 } };
    expect(reportDataSchema.safeParse(JSON.parse(JSON.stringify(data))).success).toBe(true);
    const verdict = buildVerdict(data);
    expect(verdict.headline).toBe(
      'tuned shows no significant difference from base on judge (+0.100 [+0.010, +0.200], Holm-adjusted p = 0.060, n = 40), gate failed.',
    );
    expect(verdict.details[0]).toContain('Holm-adjusted p = 0.060 (raw p = 0.030), n = 40');
    const tiny = { ...data, comparisons: [{ ...comparisons[2]!, pValue: 0.0001, pAdjusted: 0.0003 }] };
    expect(buildVerdict(tiny).details[0]).toContain('95% CI, p < 0.001, n = 40');
    const markdown = renderMarkdown(data);
    expect(markdown).toContain('| tuned | f1 | +0.100 [+0.010, +0.200] | p = 0.030 (wilcoxon-signed-rank) |');
    expect(markdown).toContain('| tuned | judge | +0.100 [+0.010, +0.200] | p = 0.060 (wilcoxon-signed-rank) |');
    expect(markdown).toContain("p is adjusted by Holm's method for the 3 comparisons in this table");
    // Every interval here leaves out 0, yet two comparisons are no significant difference after the adjustment.
    expect(markdown).toContain(
      'The intervals are not adjusted, each is 95% on its own: one that leaves out 0 can still be no significant difference (tuned on rouge-l).',
    );
    expect(renderMarkdown({ ...data, comparisons: [comparisons[0]!] })).not.toContain('The intervals are not adjusted');
    const html = await renderHtml(data, []);
    expect(html).toContain('data-testid="correction-note"');
    expect(html).toContain('Holm-adjusted p = 0.060 (raw p = 0.030)');
    expect(html.match(/num good/g)).toHaveLength(1);
    expect(renderJunit(data)).toContain('failure message="tuned: no significant difference (Holm-adjusted p = 0.060');
    expect(summaryLine(data, 0)).toContain('gate failed on judge: tuned: no significant difference (Holm-adjusted');
  });
});

describe('compare.correction', () => {
  const section = { candidates: [{ name: 'a', model: 'x' }], compare: { baseline: 'a' } };

  it('is holm unless set to none', () => {
    expect(evaluateOptionsSchema.parse(section).compare?.correction).toBe('holm');
    const none = { ...section, compare: { baseline: 'a', correction: 'none' } };
    expect(evaluateOptionsSchema.parse(none).compare?.correction).toBe('none');
    expect(
      evaluateOptionsSchema.safeParse({ ...section, compare: { baseline: 'a', correction: 'bonferroni' } }).success,
    ).toBe(false);
  });
});

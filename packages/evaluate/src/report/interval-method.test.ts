import { describe, expect, it } from 'vitest';
import { summaryLine } from '../evaluator/summary-line.js';
import { compareGraded } from '../stats/fixtures/compare-graded.js';
import { evaluateGate } from '../stats/gate.js';
import { summarizeScores } from '../stats/summarize.js';
import { FOUR_ITEMS, fourItemComparison } from './fixtures/four-items.js';
import { twoCandidates } from './fixtures/two-candidates.js';
import { formatSigned } from './format.js';
import { renderHtml } from './html/render-html.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { reportDataSchema } from './report-schema.js';

const data = twoCandidates({
  items: 4,
  summaries: [
    summarizeScores({ candidate: 'tuned', scorer: 'f1', samples: FOUR_ITEMS.tuned, seed: 7 }),
    summarizeScores({ candidate: 'base', scorer: 'f1', samples: FOUR_ITEMS.base, seed: 7 }),
  ],
  comparison: fourItemComparison(),
});

describe('reports on fewer than 6 items', () => {
  it('mark Hoeffding’s intervals in report.md and say what they are', () => {
    const text = renderMarkdown(data);
    expect(text).toContain('| f1 | 0.825 [0.146, 1.000] ‡ | 0.250 [0.000, 0.929] ‡ |');
    expect(text).toContain('+0.575 [−0.783, +1.000] ‡');
    expect(text).toContain('‡ fewer than 6 items: a bootstrap of so few values means nothing');
  });

  it('mark them in report.html and junit.xml too', async () => {
    const html = await renderHtml(data, []);
    expect(html).toContain('[0.146, 1.000] ‡');
    expect(html).toContain('data-testid="interval-note"');
    expect(renderJunit(data)).toContain('[0.146, 1.000] (Hoeffding&#39;s interval: fewer than 6 items) n=4');
  });
});

describe('reports on graded values that are all equal', () => {
  it('mark the interval and say what it is', () => {
    const same = Array.from({ length: 10 }, () => ({ score: 1 }));
    const allOnes = twoCandidates({
      items: 10,
      summaries: [summarizeScores({ candidate: 'tuned', scorer: 'f1', samples: same, seed: 7 })],
      comparison: fourItemComparison(),
    });
    const text = renderMarkdown(allOnes);
    expect(text).toContain('| f1 | 1.000 [0.722, 1.000] † |');
    expect(text).toContain('† every item gave the same value: a bootstrap would shrink to a point');
    expect(text).toContain('‡ fewer than 6 items');
  });
});

describe('reports on a bootstrap widened past the most extreme value observed', () => {
  // 60 pairs: 58 ties and 2 wins by 1; the lower bound 0 − 0.060172 is Wilson's share for 0 losses of 60
  const tuned = [1, 1, ...Array<number>(58).fill(0)];
  const base = Array<number>(60).fill(0);
  const comparison = compareGraded(tuned, base);
  const gate = evaluateGate({ metric: 'f1', non_inferiority_margin: 0.02 }, 'base', [comparison], ['tuned']);
  const sparse = twoCandidates({ items: 60, summaries: [], comparison, gate });
  const high = formatSigned(comparison.ci!.high);
  const words = 'bootstrap widened past the most extreme value observed';

  it('mark it § in report.md and report.html and say what it is', async () => {
    const text = renderMarkdown(sparse);
    expect(text).toContain(`| +0.033 [−0.060, ${high}] § |`);
    expect(text).toContain('§ no item went past the most extreme value observed on one side (not one loss, say)');
    const html = await renderHtml(sparse, []);
    expect(html).toContain(`[−0.060, ${high}] §`);
    expect(html).toContain(`95% CI [−0.060, ${high}] (${words})`);
  });

  it('say so in junit.xml, the run summary and report.json', () => {
    expect(renderJunit(sparse)).toContain(`lower bound −0.06 (${words}) ≤ −0.02`);
    expect(summaryLine(sparse, 0)).toContain(`gate failed on f1: tuned: lower bound −0.06 (${words}) ≤ −0.02`);
    const { gate: _gate, ...ungated } = sparse;
    expect(summaryLine(ungated, 0)).toContain(`n = 60); its interval: ${words}`);
    const json = JSON.parse(JSON.stringify(sparse));
    expect(json.comparisons[0].ciMethod).toBe('bootstrap-widened');
    expect(reportDataSchema.safeParse(json).success).toBe(true);
  });
});

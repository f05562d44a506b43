import { describe, expect, it } from 'vitest';
import { summarizeScores } from '../stats/summarize.js';
import { FOUR_ITEMS, fourItemComparison } from './fixtures/four-items.js';
import { twoCandidates } from './fixtures/two-candidates.js';
import { renderHtml } from './html/render-html.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';

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

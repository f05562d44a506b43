import { describe, expect, it } from 'vitest';
import { fourItemComparison } from './fixtures/four-items.js';
import { twoCandidates } from './fixtures/two-candidates.js';
import { renderHtml } from './html/render-html.js';
import { renderMarkdown } from './render-markdown.js';
import type { ReportData } from './report-data.js';

const againstPairwiseBaseline = (): ReportData => {
  const data = twoCandidates({ items: 4, summaries: [], comparison: fourItemComparison() });
  const { baseline: _none, ...rest } = data;
  return { ...rest, comparisons: data.comparisons.map((c) => ({ ...c, baseline: 'gpt-4o', scorer: 'pairwise' })) };
};

describe('the comparison table', () => {
  it('names the baseline a pairwise scorer compared with when the pipeline names none', async () => {
    const data = againstPairwiseBaseline();
    expect(renderMarkdown(data)).toContain('### Against the baseline (gpt-4o)');
    expect(await renderHtml(data, [])).toContain('<h3>Against the baseline: gpt-4o</h3>');
  });

  it('says on each row against whom, when rows are against different baselines', async () => {
    const base = twoCandidates({ items: 4, summaries: [], comparison: fourItemComparison() });
    const data = { ...base, comparisons: [...base.comparisons, ...againstPairwiseBaseline().comparisons] };
    const text = renderMarkdown(data);
    expect(text).toContain('### Against the baselines');
    expect(text).toContain('| tuned vs base | f1 |');
    expect(text).toContain('| tuned vs gpt-4o | pairwise |');
    const html = await renderHtml(data, []);
    expect(html).toContain('<h3>Against the baselines</h3>');
    expect(html).toContain('<span class="ci">vs gpt-4o</span>');
  });
});

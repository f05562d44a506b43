import { describe, expect, it } from 'vitest';
import { fourItemComparison } from './fixtures/four-items.js';
import { twoCandidates } from './fixtures/two-candidates.js';
import { renderHtml } from './html/render-html.js';
import { renderMarkdown } from './render-markdown.js';
import type { EconomicsEntry, ReportData } from './report-data.js';
import { servesUntil } from './serves-until.js';

const retires = {
  model: 'gpt-4o-mini-2024-07-18',
  on: '2027-01-14',
  source: "the zh-Hans copy of OpenAI's deprecations page",
  verified: false,
};

const economics = (candidate: string, costPer1kUsd: number, training?: number): EconomicsEntry => ({
  candidate,
  requests: 4,
  cacheHits: 0,
  tokensInPerRequest: 40,
  tokensOutPerRequest: 20,
  costPer1kUsd,
  latencyP50Ms: 10,
  latencyP95Ms: 20,
  ...(training !== undefined && { trainingCostUsd: training, breakEvenRequests: 100 }),
});

function trainedReport(createdAt: string): ReportData {
  const data = twoCandidates({ items: 4, summaries: [], comparison: fourItemComparison() });
  return {
    ...data,
    meta: { ...data.meta, createdAt },
    economics: [economics('tuned', 0.2, 0.5), economics('base', 3)],
    training: { model: 'ft:gpt-4o-mini-2024-07-18:org::x', baseModel: retires.model, costUsd: 0.5, retires, loss: [] },
  };
}

describe('the retirement of the tuned model in the reports', () => {
  it('counts the days from the date of the report, not from when it is read', () => {
    expect(servesUntil(retires, '2026-11-27T10:00:00.000Z')).toBe('serves until 2027-01-14 (48 days on; unverified)');
    expect(servesUntil({ ...retires, verified: true }, '2027-01-13T10:00:00.000Z')).toBe(
      'serves until 2027-01-14 (1 day on)',
    );
    expect(servesUntil(retires, '2027-02-01T10:00:00.000Z')).toBe(
      'retired on 2027-01-14 (with gpt-4o-mini-2024-07-18; unverified)',
    );
  });

  it('is said next to the pay-back in report.html and after the training line in report.md', async () => {
    const data = trainedReport('2026-11-27T10:00:00.000Z');
    expect(renderMarkdown(data)).toContain(
      "$0.50. gpt-4o-mini-2024-07-18 and the fine-tunes built on it retire on 2027-01-14 (in 48 days; per the zh-Hans copy of OpenAI's deprecations page, unverified).",
    );
    expect(await renderHtml(data, [])).toMatch(
      /training pays back after[\s\S]*serves until 2027-01-14 \(48 days on; unverified\)/,
    );
    const { retires: _, ...training } = data.training!;
    expect(await renderHtml({ ...data, training }, [])).not.toContain('serves until');
    expect(renderMarkdown({ ...data, training })).not.toContain('retire');
  });
});

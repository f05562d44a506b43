import { describe, expect, it } from 'vitest';
import { formatBreakEven } from '../report/break-even-cell.js';
import type { EconomicsEntry, ReportData } from '../report/report-data.js';
import { buildVerdict } from '../report/verdict.js';
import { compareEconomics } from './economics.js';

function entry(candidate: string, costPer1kUsd: number | null): EconomicsEntry {
  return {
    candidate,
    requests: 10,
    cacheHits: 0,
    tokensInPerRequest: 100,
    tokensOutPerRequest: 10,
    costPer1kUsd,
    latencyP50Ms: null,
    latencyP95Ms: null,
  };
}

/** What the verdict reads: the candidates, the baseline and the economics. */
function report(economics: EconomicsEntry[]): ReportData {
  const candidates = [
    { name: 'tuned', model: 'ft:gpt-4o-mini-2024-07-18:o::x', provider: 'p', prompt: 'as is', isBaseline: false },
    { name: 'base', model: 'my-local-model', provider: 'p', prompt: 'as is', isBaseline: true },
  ];
  const scorers = [{ name: 'exact', kind: 'binary' as const, description: 'exact' }];
  const partial: Partial<ReportData> = {
    candidates,
    scorers,
    summaries: [],
    baseline: 'base',
    comparisons: [],
    economics,
  };
  return partial as ReportData;
}

const tuned = { candidate: 'tuned', trainingCostUsd: 3 };

describe('break-even against the baseline', () => {
  it('pays back after training cost / saving per request', () => {
    const [t] = compareEconomics([entry('tuned', 1), entry('base', 4)], 'base', tuned);
    expect(t!.breakEvenRequests).toBe(1000);
  });

  it('is null ("never") when the tuned model costs as much or more per request', () => {
    const [t] = compareEconomics([entry('tuned', 5), entry('base', 4)], 'base', tuned);
    expect(t!.breakEvenRequests).toBeNull();
    expect(buildVerdict(report([t!, entry('base', 4)])).headline).toContain('never pays back its training cost');
  });

  it('is unknown, not "never", when the baseline has no price', () => {
    const economics = compareEconomics([entry('tuned', 1), entry('base', null)], 'base', tuned);
    expect(economics[0]!.breakEvenRequests).toBeUndefined();
    const data = report(economics);
    const headline = buildVerdict(data).headline;
    expect(headline).not.toContain('never');
    expect(headline).toContain('training pay-back is unknown');
    expect(formatBreakEven(economics[0]!)).toBe('–');
    expect(formatBreakEven({ trainingCostUsd: 3, breakEvenRequests: null })).toBe('never');
  });
});

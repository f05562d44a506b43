import { formatCount, formatUsd } from './format.js';
import type { JudgeCostEntry, ReportData } from './report-data.js';

/** Column heads of the judges' cost table. */
export const JUDGE_COST_HEAD = ['judge', 'model', 'requests (cached)', 'tokens in / out', 'cost'];

/** The cells of one judge's row as plain text; `judge` and `model` come from the pipeline and must be escaped. */
export function judgeCostCells(entry: JudgeCostEntry): { judge: string; model: string; figures: string[] } {
  return {
    judge: entry.scorer,
    model: entry.model,
    figures: [
      `${formatCount(entry.requests)} (${formatCount(entry.cacheHits)})`,
      `${formatCount(entry.tokensInPerRequest)} / ${formatCount(entry.tokensOutPerRequest)}`,
      formatUsd(entry.costUsd),
    ],
  };
}

/**
 * One sentence on what the evaluation's model requests cost at catalog prices (candidates, then judges) and what
 * this run paid for; plain text. Undefined when no request was priced or paid (outputs files only).
 */
export function evaluationCostLine(data: ReportData): string | undefined {
  const cost = data.cost;
  if (!cost) return undefined;
  const { candidatesUsd, judgesUsd, spentUsd } = cost;
  if (candidatesUsd === 0 && judgesUsd === 0 && spentUsd === 0) return undefined;
  const total = candidatesUsd === null || judgesUsd === null ? null : candidatesUsd + judgesUsd;
  const parts = [`candidates ${formatUsd(candidatesUsd)}`];
  if (data.judges?.length) parts.push(`judges ${formatUsd(judgesUsd)}`);
  const whole = total === null ? 'an unknown amount (a model has no catalog price)' : formatUsd(total);
  const spent =
    total !== null && spentUsd >= total - 5e-7
      ? `all of it paid in this run`
      : `${formatUsd(spentUsd)} paid in this run, the rest answered from the response cache`;
  return `The model requests of this evaluation cost ${whole} at catalog prices (${parts.join(', ')}); ${spent}.`;
}

import { retirementNotice } from '@tunekit/core';
import { decidingP } from '../stats/finding.js';
import { formatBreakEven } from './break-even-cell.js';
import { escapeMarkdown as md } from './escape.js';
import { evaluationCostLine, JUDGE_COST_HEAD, judgeCostCells } from './evaluation-cost.js';
import { formatCount, formatInterval, formatMs, formatP, formatScore, formatSigned, formatUsd } from './format.js';
import { intervalMark, intervalNotes } from './interval-method.js';
import { correctionNote } from './p-value-text.js';
import type { ReportData } from './report-data.js';
import { sharedBaseline } from './shared-baseline.js';
import { buildVerdict } from './verdict.js';

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** `report.md`: the summary tables, fit for a pull-request comment. Every piece of data is escaped. */
export function renderMarkdown(data: ReportData): string {
  const verdict = buildVerdict(data);
  const mark = verdict.status === 'pass' ? '✅ ' : verdict.status === 'fail' ? '❌ ' : '';
  const lines: string[] = [`## tunekit evaluation: ${md(data.meta.pipeline)}`, ''];
  if (data.meta.sandbox)
    lines.push('> **sandbox: simulated models** — these numbers come from the offline sandbox, not real models.', '');
  lines.push(`**${mark}${md(verdict.headline)}**`, '');
  for (const detail of verdict.details) lines.push(`- ${md(detail)}`);
  lines.push('', '### Scores (mean, 95% CI: Wilson for pass/fail, expanded bootstrap otherwise)', '');
  const candidates = data.candidates.map((c) => c.name);
  const scoreRows = data.scorers.map((scorer) => [
    md(scorer.name),
    ...candidates.map((candidate) => {
      const s = data.summaries.find((x) => x.candidate === candidate && x.scorer === scorer.name);
      if (!s || s.mean === null) return s?.errors ? `– (${s.errors} errors)` : '–';
      const corpus = s.corpus != null ? ` corpus ${formatScore(s.corpus)}` : '';
      const errors = s.errors ? ` ⚠ ${s.errors} errors` : '';
      return `${formatScore(s.mean)} ${formatInterval(s.ci)}${intervalMark(s.ciMethod)}${corpus}${errors}`;
    }),
  ]);
  lines.push(
    ...table(['scorer', ...candidates.map((c) => md(c + (data.baseline === c ? ' (baseline)' : '')))], scoreRows),
  );
  if (data.comparisons.length > 0) {
    const shared = sharedBaseline(data);
    lines.push('', shared === null ? '### Against the baselines' : `### Against the baseline (${md(shared)})`, '');
    const rows = data.comparisons.map((c) => [
      shared === null ? md(`${c.candidate} vs ${c.baseline}`) : md(c.candidate),
      md(c.scorer),
      `${formatSigned(c.diff)} ${formatInterval(c.ci, true)}${intervalMark(c.ciMethod)}`,
      `${formatP(decidingP(c))} (${c.test})`,
      `${c.wins} / ${c.ties} / ${c.losses}`,
      String(c.n),
    ]);
    lines.push(...table(['candidate', 'scorer', 'difference [95% CI]', 'test', 'win / tie / loss', 'n'], rows));
    const note = correctionNote(data);
    if (note) lines.push('', md(note));
  }
  for (const note of intervalNotes(data)) lines.push('', md(note));
  if (data.economics.length > 0) {
    lines.push('', '### Cost and latency', '');
    const rows = data.economics.map((e) => [
      md(e.candidate),
      `${formatCount(e.tokensInPerRequest)} / ${formatCount(e.tokensOutPerRequest)}`,
      formatUsd(e.costPer1kUsd),
      `${formatMs(e.latencyP50Ms)} / ${formatMs(e.latencyP95Ms)}`,
      e.promptTokensSavedPerRequest != null ? formatCount(e.promptTokensSavedPerRequest) : '–',
      formatBreakEven(e),
    ]);
    lines.push(
      ...table(
        [
          'candidate',
          'tokens in / out',
          'cost per 1k requests',
          'latency p50 / p95',
          'prompt tokens saved',
          'break-even requests',
        ],
        rows,
      ),
    );
    if (data.judges?.length) {
      const judgeRows = data.judges.map((entry) => {
        const cells = judgeCostCells(entry);
        return [md(cells.judge), md(cells.model), ...cells.figures];
      });
      lines.push('', ...table(JUDGE_COST_HEAD, judgeRows));
    }
    const costLine = evaluationCostLine(data);
    if (costLine) lines.push('', md(costLine));
    const dates = [...data.economics, ...(data.judges ?? [])].flatMap((e) => (e.priceAsOf ? [e.priceAsOf] : []));
    const asOf = [...new Set(dates)].sort().map(md);
    if (asOf.length > 0)
      lines.push('', `Prices as of ${[asOf.slice(0, -1).join(', '), asOf.at(-1)].filter(Boolean).join(' and ')}.`);
  }
  if (data.training) {
    const t = data.training;
    const figures = [
      ...(t.trainedTokens === undefined ? [] : [`${formatCount(t.trainedTokens)} trained tokens`]),
      t.costUsd === undefined ? 'no training bill (self-hosted or unpriced)' : formatUsd(t.costUsd),
    ];
    lines.push(
      '',
      `Training: ${md(t.model ?? 'model')} from ${md(t.baseModel ?? '?')}, ${figures.join(', ')}.` +
        (t.retires ? ` ${md(retirementNotice(t.retires, new Date(data.meta.createdAt)))}.` : ''),
    );
  }
  lines.push(
    '',
    `<sub>run ${md(data.meta.runId)} · ${md(data.meta.items)} items · seed ${md(data.meta.seeds.bootstrap)} · tunekit ${md(data.meta.toolVersion)}</sub>`,
    '',
  );
  return lines.join('\n');
}

import { decidingP } from '../../stats/finding.js';
import { formatBreakEven } from '../break-even-cell.js';
import { escapeHtml as h } from '../escape.js';
import { evaluationCostLine, JUDGE_COST_HEAD, judgeCostCells } from '../evaluation-cost.js';
import { formatCount, formatInterval, formatMs, formatP, formatScore, formatSigned, formatUsd } from '../format.js';
import { intervalMark, intervalNotes } from '../interval-method.js';
import { correctionNote } from '../p-value-text.js';
import type { ReportData } from '../report-data.js';
import { sharedBaseline } from '../shared-baseline.js';
import { toneOf } from './tone.js';

/** The summary tables of report.html: scores, differences against the baseline, cost and latency. */
function tableHtml(id: string, head: string[], rows: string[][]): string {
  const th = head.map((c) => `<th>${c}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<div class="scroll"><table id="${id}" data-testid="${id}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** A card with a title and a table; `more` (HTML) follows the table in the same card. */
function tag(table: string, id: string, head: string[], rows: string[][], more = ''): string {
  return `<div class="card"><h3>${h(table)}</h3>${tableHtml(id, head, rows)}${more}</div>`;
}

export function candidateLabel(data: ReportData, name: string): string {
  const index = data.candidates.findIndex((c) => c.name === name);
  return `<span class="dot" data-color="${index}"></span>${h(name)}`;
}

export function summaryTable(data: ReportData): string {
  const rows = data.scorers.map((scorer) => [
    `<strong>${h(scorer.name)}</strong>`,
    ...data.candidates.map((c) => {
      const s = data.summaries.find((x) => x.candidate === c.name && x.scorer === scorer.name);
      if (!s || s.mean === null) return s?.errors ? `<span class="bad">${s.errors} errors</span>` : '–';
      const corpus = s.corpus != null ? `<div class="ci">corpus ${formatScore(s.corpus)}</div>` : '';
      const errors = s.errors ? `<div class="bad">${s.errors} errors</div>` : '';
      return `<span class="num">${formatScore(s.mean)}</span> <span class="ci">${formatInterval(s.ci)}${intervalMark(s.ciMethod)}</span>${corpus}${errors}`;
    }),
  ]);
  const head = [
    'scorer',
    ...data.candidates.map(
      (c) =>
        `${candidateLabel(data, c.name)}${c.isBaseline ? ' <span class="ci">(baseline)</span>' : ''}<div class="sub">${h(c.model)} · ${h(c.prompt)}</div>`,
    ),
  ];
  const more = intervalNotes(data)
    .map((note) => `<p class="note" data-testid="interval-note">${h(note)}</p>`)
    .join('');
  return tag('Scores — mean and 95% interval', 'summary-table', head, rows, more);
}

export function comparisonTable(data: ReportData): string {
  const shared = sharedBaseline(data);
  const note = correctionNote(data);
  const rows = data.comparisons.map((c) => {
    const cls = toneOf(c) ?? '';
    return [
      candidateLabel(data, c.candidate) + (shared === null ? ` <span class="ci">vs ${h(c.baseline)}</span>` : ''),
      h(c.scorer),
      `<span class="num ${cls}">${formatSigned(c.diff)}</span> <span class="ci">${formatInterval(c.ci, true)}${intervalMark(c.ciMethod)}</span>`,
      `${formatP(decidingP(c))} <span class="ci">${h(c.test)}</span>`,
      `${c.wins} / ${c.ties} / ${c.losses}`,
      String(c.n),
    ];
  });
  return tag(
    shared === null ? 'Against the baselines' : `Against the baseline: ${shared}`,
    'comparison-table',
    ['candidate', 'scorer', 'difference [95% CI]', 'test', 'win / tie / loss', 'n'],
    rows,
    note ? `<p class="note" data-testid="correction-note">${h(note)}</p>` : '',
  );
}

export function economicsTable(data: ReportData): string {
  const rows = data.economics.map((e) => [
    candidateLabel(data, e.candidate),
    `${formatCount(e.tokensInPerRequest)} / ${formatCount(e.tokensOutPerRequest)}`,
    `<strong>${formatUsd(e.costPer1kUsd)}</strong>`,
    `${formatMs(e.latencyP50Ms)} / ${formatMs(e.latencyP95Ms)}`,
    e.promptTokensSavedPerRequest != null ? formatCount(e.promptTokensSavedPerRequest) : '–',
    e.trainingCostUsd != null ? formatUsd(e.trainingCostUsd) : '–',
    formatBreakEven(e),
  ]);
  const head = [
    'candidate',
    'tokens in / out',
    'cost per 1k requests',
    'latency p50 / p95',
    'prompt tokens saved',
    'training cost',
    'break-even requests',
  ];
  return tag('Cost and latency', 'economics-table', head, rows, judgeCosts(data));
}

/** What the judges' requests cost, and the evaluation's total (empty when no request was priced or paid). */
function judgeCosts(data: ReportData): string {
  const line = evaluationCostLine(data);
  const total = line ? `<p class="note" id="evaluation-cost" data-testid="evaluation-cost">${h(line)}</p>` : '';
  if (!data.judges?.length) return total;
  const rows = data.judges.map((entry) => {
    const cells = judgeCostCells(entry);
    return [`<strong>${h(cells.judge)}</strong>`, h(cells.model), ...cells.figures];
  });
  return `<h4>Judges</h4>${tableHtml('judge-cost-table', JUDGE_COST_HEAD, rows)}${total}`;
}

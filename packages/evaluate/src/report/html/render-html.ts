/**
 * `report.html`: one self-contained page, no network request, a strict Content-Security-Policy (inline style and
 * script allowed by sha256 hash only). Stable hooks for browser tests:
 *   #verdict [data-testid=verdict] (class pass|fail|none)   #sandbox-banner [data-testid=sandbox-banner]
 *   #chart-scores, #chart-cost-quality, #chart-latency, #chart-loss (svg, same data-testid)
 *   #summary-table, #comparison-table, #economics-table (same data-testid)
 *   #item-search (input), #filter-view (all|disagree|errors), #filter-scorer, #filter-candidate, #filter-min, #filter-max
 *   #item-table, #item-rows (tbody) with rows tr[data-testid=item-row][data-item-id], #item-count, #show-more
 *   #item-data: <script type="application/json"> with { candidates, scorers, rows, total }
 */
import { createHash } from 'node:crypto';
import { escapeHtml as h, jsonForScript } from '../escape.js';
import { formatCount, formatInterval, formatMs, formatP, formatScore, formatSigned, formatUsd } from '../format.js';
import type { ItemRow, ReportData } from '../report-data.js';
import { buildVerdict } from '../verdict.js';
import { colorOf, costQualityChart, latencyChart, lossChart, scoresChart } from './charts.js';
import { collectItemPayload } from './item-payload.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

export interface HtmlOptions {
  /** Items embedded in the page (the rest stay in the JSONL). Default 5,000. */
  maxItems?: number;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Nothing remote, nothing inline but this exact stylesheet and script. */
export function contentSecurityPolicy(style: string): string {
  return `default-src 'none'; style-src ${sha256(style)}; script-src ${sha256(PAGE_SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
}

function tag(table: string, id: string, head: string[], rows: string[][]): string {
  const th = head.map((c) => `<th>${c}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<div class="card"><h3>${h(table)}</h3><table id="${id}" data-testid="${id}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function candidateLabel(data: ReportData, name: string): string {
  const index = data.candidates.findIndex((c) => c.name === name);
  return `<span class="dot" data-color="${index}"></span>${h(name)}`;
}

function summaryTable(data: ReportData): string {
  const rows = data.scorers.map((scorer) => [
    `<strong>${h(scorer.name)}</strong>`,
    ...data.candidates.map((c) => {
      const s = data.summaries.find((x) => x.candidate === c.name && x.scorer === scorer.name);
      if (!s || s.mean === null) return s?.errors ? `<span class="bad">${s.errors} errors</span>` : '–';
      const corpus = s.corpus != null ? `<div class="ci">corpus ${formatScore(s.corpus)}</div>` : '';
      const errors = s.errors ? `<div class="bad">${s.errors} errors</div>` : '';
      return `<span class="num">${formatScore(s.mean)}</span> <span class="ci">${formatInterval(s.ci)}</span>${corpus}${errors}`;
    }),
  ]);
  const head = [
    'scorer',
    ...data.candidates.map(
      (c) => candidateLabel(data, c.name) + (c.isBaseline ? ' <span class="ci">(baseline)</span>' : ''),
    ),
  ];
  return tag('Scores — mean and 95% bootstrap interval', 'summary-table', head, rows);
}

function comparisonTable(data: ReportData): string {
  const rows = data.comparisons.map((c) => {
    const cls = c.ci && c.ci.low > 0 ? 'good' : c.ci && c.ci.high < 0 ? 'bad' : '';
    return [
      candidateLabel(data, c.candidate),
      h(c.scorer),
      `<span class="num ${cls}">${formatSigned(c.diff)}</span> <span class="ci">${formatInterval(c.ci, true)}</span>`,
      `${formatP(c.pValue)} <span class="ci">${h(c.test)}</span>`,
      `${c.wins} / ${c.ties} / ${c.losses}`,
      String(c.n),
    ];
  });
  return tag(
    `Against the baseline: ${data.baseline ?? ''}`,
    'comparison-table',
    ['candidate', 'scorer', 'difference [95% CI]', 'test', 'win / tie / loss', 'n'],
    rows,
  );
}

function economicsTable(data: ReportData): string {
  const rows = data.economics.map((e) => [
    candidateLabel(data, e.candidate),
    `${formatCount(e.tokensInPerRequest)} / ${formatCount(e.tokensOutPerRequest)}`,
    `<strong>${formatUsd(e.costPer1kUsd)}</strong>`,
    `${formatMs(e.latencyP50Ms)} / ${formatMs(e.latencyP95Ms)}`,
    e.promptTokensSavedPerRequest != null ? formatCount(e.promptTokensSavedPerRequest) : '–',
    e.trainingCostUsd != null ? formatUsd(e.trainingCostUsd) : '–',
    e.breakEvenRequests != null ? formatCount(e.breakEvenRequests) : e.trainingCostUsd != null ? 'never' : '–',
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
  return tag('Cost and latency', 'economics-table', head, rows);
}

function itemControls(data: ReportData): string {
  const scorerOptions = data.scorers.map((s) => `<option value="${h(s.name)}">${h(s.name)}</option>`).join('');
  const candidateOptions = data.candidates.map((c, i) => `<option value="${i}">${h(c.name)}</option>`).join('');
  return `<div class="controls">
<input type="search" id="item-search" data-testid="item-search" placeholder="Search prompts, references and outputs" aria-label="Search items">
<select id="filter-view" data-testid="filter-view" aria-label="Show"><option value="all">all items</option><option value="disagree">candidates disagree</option><option value="errors">with errors</option></select>
<select id="filter-scorer" data-testid="filter-scorer" aria-label="Score filter"><option value="">any score</option>${scorerOptions}</select>
<select id="filter-candidate" data-testid="filter-candidate" aria-label="Candidate"><option value="">any candidate</option>${candidateOptions}</select>
<input type="number" id="filter-min" data-testid="filter-min" step="0.05" min="0" max="1" placeholder="min" aria-label="Minimum score">
<input type="number" id="filter-max" data-testid="filter-max" step="0.05" min="0" max="1" placeholder="max" aria-label="Maximum score">
<span id="item-count" data-testid="item-count" class="count"></span></div>`;
}

/** Renders the page; item rows are streamed in and the first `maxItems` embedded as JSON. */
export async function renderHtml(
  data: ReportData,
  rows: AsyncIterable<ItemRow> | Iterable<ItemRow>,
  options: HtmlOptions = {},
): Promise<string> {
  const verdict = buildVerdict(data);
  const names = data.candidates.map((c) => c.name);
  const items = await collectItemPayload(rows, names, options.maxItems ?? 5000);
  const payload = { candidates: names, scorers: data.scorers.map((s) => s.name), rows: items.rows, total: items.total };
  const metric = data.gate?.metric ?? data.scorers[0]?.name ?? '';
  const badge = verdict.status === 'pass' ? 'GATE PASSED' : verdict.status === 'fail' ? 'GATE FAILED' : 'RESULT';
  const meta = data.meta;
  const dotStyle = data.candidates.map((_, i) => `.dot[data-color="${i}"]{background:${colorOf(i)}}`).join('');
  const style = dotStyle + PAGE_STYLE;
  const headCells = names.map((name) => `<th>${candidateLabel(data, name)}</th>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(contentSecurityPolicy(style))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(`${meta.pipeline} — tunekit evaluation`)}</title>
<style>${style}</style>
</head><body><main>
<header><h1>${h(meta.pipeline)}</h1>
<div class="meta">tunekit evaluation · run ${h(meta.runId)} · ${h(meta.createdAt)} · ${formatCount(meta.items)} items · ${names.length} candidates</div></header>
${meta.sandbox ? '<div id="sandbox-banner" data-testid="sandbox-banner" class="banner">sandbox: simulated models — these results come from the offline sandbox, not from real models.</div>' : ''}
<section id="verdict" data-testid="verdict" class="verdict ${verdict.status}"><span class="badge">${badge}</span><div><h2>${h(verdict.headline)}</h2><ul>${verdict.details.map((d) => `<li>${h(d)}</li>`).join('')}</ul></div></section>
<section class="grid">
<div class="card"><h3>Scores with 95% intervals</h3>${scoresChart(data)}</div>
<div class="card"><h3>Cost against ${h(metric)}</h3>${costQualityChart(data, metric)}</div>
<div class="card"><h3>Latency (live requests)</h3>${latencyChart(data)}</div>
${data.training && data.training.loss.length > 0 ? `<div class="card"><h3>Training loss</h3>${lossChart(data.training.loss)}</div>` : ''}
</section>
<section>${summaryTable(data)}</section>
${data.comparisons.length ? `<section>${comparisonTable(data)}</section>` : ''}
${data.economics.length ? `<section>${economicsTable(data)}</section>` : ''}
<section class="card"><h3>Items</h3>${itemControls(data)}
<table id="item-table" data-testid="item-table"><thead><tr><th>item</th>${headCells}</tr></thead><tbody id="item-rows"></tbody></table>
<div class="controls"><button type="button" id="show-more" data-testid="show-more" hidden>Show more</button></div></section>
<footer>seed ${h(meta.seeds.bootstrap)}${meta.datasetHash ? ` · dataset ${h(meta.datasetHash.slice(0, 16))}` : ''} · tunekit ${h(meta.toolVersion)} · this page makes no network request</footer>
</main>
<script type="application/json" id="item-data">${jsonForScript(payload)}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>
`;
}

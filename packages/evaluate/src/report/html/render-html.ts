/**
 * `report.html`: one self-contained page, no network request, a strict Content-Security-Policy (inline style and
 * script allowed by sha256 hash only). Stable hooks for browser tests:
 *   #verdict [data-testid=verdict] (class pass|fail|none)   #sandbox-banner [data-testid=sandbox-banner]
 *   #chart-scores, #chart-cost-quality, #chart-latency, #chart-loss (svg, same data-testid)
 *   #summary-table, #comparison-table, #economics-table, #judge-cost-table, #evaluation-cost (same data-testid)
 *   #item-search (input), #filter-view (all|disagree|errors), #filter-scorer, #filter-candidate, #filter-min, #filter-max
 *   #item-table, #item-rows (tbody) with rows tr[data-testid=item-row][data-item-id], #item-count, #show-more
 *   #item-data: <script type="application/json"> with { candidates, scorers, rows, total }
 */
import { createHash } from 'node:crypto';
import { escapeHtml as h, jsonForScript } from '../escape.js';
import { formatCount } from '../format.js';
import type { ItemRow, ReportData } from '../report-data.js';
import { buildVerdict } from '../verdict.js';
import { colorOf } from './chart-kit.js';
import { costQualityChart } from './cost-quality-chart.js';
import { collectItemPayload } from './item-payload.js';
import { keyFigures } from './key-figures.js';
import { latencyChart } from './latency-chart.js';
import { lossChart } from './loss-chart.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';
import { scoresChart } from './scores-chart.js';
import { candidateLabel, comparisonTable, economicsTable, summaryTable } from './summary-tables.js';

export interface HtmlOptions {
  /** Items embedded in the page (the rest stay in the JSONL). Default 5,000. */
  maxItems?: number;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Nothing remote, nothing inline but this exact stylesheet and script. */
export function contentSecurityPolicy(style: string): string {
  return `default-src 'none'; style-src ${sha256(style)}; script-src ${sha256(PAGE_SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
}

function itemControls(data: ReportData, metric: string): string {
  const scorerOptions = data.scorers
    .map((s) => `<option value="${h(s.name)}"${s.name === metric ? ' selected' : ''}>${h(s.name)}</option>`)
    .join('');
  const candidateOptions = data.candidates.map((c, i) => `<option value="${i}">${h(c.name)}</option>`).join('');
  return `<div class="controls">
<input type="search" id="item-search" data-testid="item-search" placeholder="Search prompts, references and outputs" aria-label="Search items">
<select id="filter-view" data-testid="filter-view" aria-label="Show"><option value="all">all items</option><option value="disagree">candidates disagree</option><option value="errors">with errors</option></select>
<label>score <select id="filter-scorer" data-testid="filter-scorer" aria-label="Scorer">${scorerOptions}</select></label>
<label>of <select id="filter-candidate" data-testid="filter-candidate" aria-label="Candidate"><option value="">any candidate</option>${candidateOptions}</select></label>
<label>from <input type="number" id="filter-min" data-testid="filter-min" step="0.05" placeholder="min" aria-label="Minimum score"></label>
<label>to <input type="number" id="filter-max" data-testid="filter-max" step="0.05" placeholder="max" aria-label="Maximum score"></label>
<label>sort <select id="sort-by" data-testid="sort-by" aria-label="Sort"><option value="file">file order</option><option value="spread">widest score spread</option><option value="lowest">lowest score</option></select></label>
<span id="item-count" data-testid="item-count" class="count" aria-live="polite"></span></div>`;
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
<div class="meta">tunekit evaluation · run ${h(meta.runId)} · ${h(meta.createdAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC'))} · ${formatCount(meta.items)} items · ${names.length} candidates</div></header>
${meta.sandbox ? '<div id="sandbox-banner" data-testid="sandbox-banner" class="banner">sandbox: simulated models — these results come from the offline sandbox, not from real models.</div>' : ''}
<section id="verdict" data-testid="verdict" class="verdict ${verdict.status}"><span class="badge">${badge}</span><div><h2>${h(verdict.headline)}</h2>${verdict.details.length ? `<details><summary>how this was decided</summary><ul>${verdict.details.map((d) => `<li>${h(d)}</li>`).join('')}</ul></details>` : ''}</div></section>
${keyFigures(data, verdict)}
<section class="charts">
<div class="card wide"><h3>Scores</h3><p class="hint">mean per item with its 95% interval (Wilson for pass/fail scorers, expanded bootstrap otherwise, Hoeffding's bound under 6 items)${data.baseline ? '; dashed line: the baseline' : ''}</p>${scoresChart(data)}</div>
<div class="card narrow"><h3>Cost against quality</h3><p class="hint">${h(metric)} against USD per 1,000 requests; up and to the left is better</p>${costQualityChart(data, metric)}</div>
<div class="card"><h3>Latency</h3><p class="hint">live requests only (cache hits excluded)</p>${latencyChart(data)}</div>
${data.training && data.training.loss.length > 0 ? `<div class="card"><h3>Training loss</h3><p class="hint">${h(data.training.model ?? '')}</p>${lossChart(data.training.loss)}</div>` : ''}
</section>
<section class="tables">${summaryTable(data)}${data.comparisons.length ? comparisonTable(data) : ''}</section>
${data.economics.length ? `<section>${economicsTable(data)}</section>` : ''}
<section class="card" id="items"><h3>Items</h3><p class="hint">click a row for the full texts and the judge's reasons</p>${itemControls(data, metric)}
<div class="scroll"><table id="item-table" data-testid="item-table"><colgroup><col class="item-col">${names.map(() => '<col>').join('')}</colgroup><thead><tr><th>item</th>${headCells}</tr></thead><tbody id="item-rows"></tbody></table></div>
<div class="controls"><button type="button" id="show-more" data-testid="show-more" hidden>Show more</button></div></section>
<footer>seed ${h(meta.seeds.bootstrap)}${meta.datasetHash ? ` · dataset ${h(meta.datasetHash.slice(0, 16))}` : ''} · tunekit ${h(meta.toolVersion)} · this page makes no network request</footer>
</main>
<script type="application/json" id="item-data">${jsonForScript(payload)}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>
`;
}

import { escapeHtml as h } from '../escape.js';
import { formatMs } from '../format.js';
import type { ReportData } from '../report-data.js';
import { colorOf, emptyChart, fitLabel, n, niceScale, svgChart, textWidth, xAxis } from './chart-kit.js';

const WIDTH = 540;
const ROW = 30;
const FONT = 13;
const VALUE_COLUMN = 150;

/** Per candidate: the median latency as a bar and the p95 as a whisker on a shared millisecond axis. */
export function latencyChart(data: ReportData): string {
  const title = 'Latency of live requests: p50 (bar) and p95 (whisker)';
  const rows = data.candidates.flatMap((candidate, index) => {
    const e = data.economics.find((x) => x.candidate === candidate.name);
    return e?.latencyP50Ms != null
      ? [{ name: candidate.name, p50: e.latencyP50Ms, p95: e.latencyP95Ms ?? e.latencyP50Ms, index }]
      : [];
  });
  if (rows.length === 0) return emptyChart('chart-latency', title, 'no live requests (all answered from the cache)');
  const left = Math.min(200, Math.max(100, ...rows.map((r) => textWidth(r.name, FONT) + 20)));
  const right = WIDTH - VALUE_COLUMN;
  const scale = niceScale(0, Math.max(...rows.map((r) => r.p95)), 4);
  const top = 8;
  const bottom = top + rows.length * ROW;
  const parts = [xAxis(scale, [left, right], [top, bottom], { format: (t) => `${t} ms` })];
  rows.forEach((r, i) => {
    const cy = top + i * ROW + ROW / 2;
    const color = colorOf(r.index);
    const [x50, x95] = [scale.at(r.p50, left, right), scale.at(r.p95, left, right)];
    parts.push(
      `<text x="${left - 12}" y="${cy + 4.5}" class="name" text-anchor="end">${h(fitLabel(r.name, FONT, left - 20))}</text>`,
      `<rect x="${left}" y="${cy - 8}" width="${n(Math.max(1, x50 - left))}" height="16" rx="3" fill="${color}" opacity="0.85"><title>${h(`${r.name}: p50 ${formatMs(r.p50)}`)}</title></rect>`,
      `<path d="M${x50} ${cy}H${x95}M${x95} ${cy - 6}V${cy + 6}" stroke="${color}" stroke-width="2" fill="none"><title>${h(`${r.name}: p95 ${formatMs(r.p95)}`)}</title></path>`,
      `<text x="${right + 14}" y="${cy + 4.5}" class="value"><tspan class="strong">${formatMs(r.p50)}</tspan> · p95 ${formatMs(r.p95)}</text>`,
    );
  });
  return svgChart('chart-latency', WIDTH, bottom + 24, title, parts.join(''));
}

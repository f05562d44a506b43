import { escapeHtml as h } from '../escape.js';
import { formatMs, formatScore, formatUsd } from '../format.js';
import type { LossPoint, ReportData } from '../report-data.js';

/** Inline SVG charts. Every label is escaped; sizes come from the data only as numbers. */
export const PALETTE = ['#4f46e5', '#0891b2', '#d97706', '#059669', '#dc2626', '#7c3aed', '#db2777', '#475569'];
export const colorOf = (index: number) => PALETTE[index % PALETTE.length]!;

const n = (value: number) => (Number.isFinite(value) ? Number(value.toFixed(1)) : 0);
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

function svg(id: string, width: number, height: number, title: string, body: string): string {
  return `<svg id="${id}" data-testid="${id}" class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${h(title)}" xmlns="http://www.w3.org/2000/svg"><title>${h(title)}</title>${body}</svg>`;
}

/** Mean per candidate and scorer with its 95% interval as a whisker, on a 0..1 axis. */
export function scoresChart(data: ReportData): string {
  const left = 190;
  const plot = 440;
  const rowHeight = 16;
  const parts: string[] = [];
  let y = 24;
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<text x="${n(left + t * plot)}" y="14" class="axis" text-anchor="middle">${t}</text>`);
  }
  const gridTop = y;
  for (const scorer of data.scorers) {
    parts.push(`<text x="0" y="${y + 11}" class="group">${h(scorer.name)}</text>`);
    data.candidates.forEach((candidate, index) => {
      const s = data.summaries.find((x) => x.candidate === candidate.name && x.scorer === scorer.name);
      const cy = y + rowHeight / 2 + 4;
      parts.push(`<text x="${left - 8}" y="${cy + 4}" class="label" text-anchor="end">${h(candidate.name)}</text>`);
      if (s && s.mean !== null) {
        const color = colorOf(index);
        if (s.ci) {
          const x1 = n(left + clamp01(s.ci.low) * plot);
          const x2 = n(left + clamp01(s.ci.high) * plot);
          parts.push(`<line x1="${x1}" x2="${x2}" y1="${cy}" y2="${cy}" stroke="${color}" stroke-width="2"/>`);
          parts.push(`<line x1="${x1}" x2="${x1}" y1="${cy - 4}" y2="${cy + 4}" stroke="${color}" stroke-width="2"/>`);
          parts.push(`<line x1="${x2}" x2="${x2}" y1="${cy - 4}" y2="${cy + 4}" stroke="${color}" stroke-width="2"/>`);
        }
        parts.push(
          `<circle cx="${n(left + clamp01(s.mean) * plot)}" cy="${cy}" r="4.5" fill="${color}"><title>${h(`${candidate.name}: ${formatScore(s.mean)}`)}</title></circle>`,
        );
        parts.push(`<text x="${left + plot + 8}" y="${cy + 4}" class="value">${formatScore(s.mean)}</text>`);
      } else parts.push(`<text x="${left + 4}" y="${cy + 4}" class="muted">no scores</text>`);
      y += rowHeight;
    });
    y += 20;
  }
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (t) =>
        `<line x1="${n(left + t * plot)}" x2="${n(left + t * plot)}" y1="${gridTop}" y2="${y - 14}" class="grid"/>`,
    )
    .join('');
  return svg('chart-scores', left + plot + 60, y, 'Scores with 95% confidence intervals', grid + parts.join(''));
}

/** Cost per 1,000 requests (x) against the main metric (y) with its interval. */
export function costQualityChart(data: ReportData, metric: string): string {
  const points = data.candidates.flatMap((candidate, index) => {
    const cost = data.economics.find((e) => e.candidate === candidate.name)?.costPer1kUsd;
    const s = data.summaries.find((x) => x.candidate === candidate.name && x.scorer === metric);
    return cost != null && s?.mean != null ? [{ name: candidate.name, cost, s, index }] : [];
  });
  const width = 420;
  const height = 260;
  const [left, top, right, bottom] = [56, 16, 20, 40];
  if (points.length === 0)
    return svg(
      'chart-cost-quality',
      width,
      60,
      'Cost against quality',
      '<text x="8" y="30" class="muted">no cost or score data</text>',
    );
  const maxCost = Math.max(...points.map((p) => p.cost)) * 1.15 || 1;
  const x = (cost: number) => n(left + (cost / maxCost) * (width - left - right));
  const y = (score: number) => n(top + (1 - clamp01(score)) * (height - top - bottom));
  const parts = [
    `<line x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" class="axisline"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" class="axisline"/>`,
    `<text x="${(left + width - right) / 2}" y="${height - 6}" class="axis" text-anchor="middle">cost per 1,000 requests (USD)</text>`,
    `<text x="12" y="${(top + height - bottom) / 2}" class="axis" text-anchor="middle" transform="rotate(-90 12 ${(top + height - bottom) / 2})">${h(metric)}</text>`,
    ...[0, 0.5, 1].map((t) => `<text x="${left - 6}" y="${y(t) + 4}" class="axis" text-anchor="end">${t}</text>`),
    `<text x="${left}" y="${height - bottom + 14}" class="axis" text-anchor="middle">$0</text>`,
    `<text x="${width - right}" y="${height - bottom + 14}" class="axis" text-anchor="end">${h(formatUsd(maxCost))}</text>`,
  ];
  for (const p of points) {
    const color = colorOf(p.index);
    if (p.s.ci)
      parts.push(
        `<line x1="${x(p.cost)}" x2="${x(p.cost)}" y1="${y(p.s.ci.low)}" y2="${y(p.s.ci.high)}" stroke="${color}" stroke-width="2"/>`,
      );
    parts.push(
      `<circle cx="${x(p.cost)}" cy="${y(p.s.mean!)}" r="6" fill="${color}"><title>${h(`${p.name}: ${formatUsd(p.cost)} per 1k, ${formatScore(p.s.mean)}`)}</title></circle>`,
    );
    parts.push(`<text x="${x(p.cost) + 9}" y="${y(p.s.mean!) - 7}" class="label">${h(p.name)}</text>`);
  }
  return svg('chart-cost-quality', width, height, `Cost against ${metric}`, parts.join(''));
}

/** Latency p50 as bars with the p95 as a tick, per candidate (cache hits excluded). */
export function latencyChart(data: ReportData): string {
  const rows = data.candidates.flatMap((candidate, index) => {
    const e = data.economics.find((x) => x.candidate === candidate.name);
    return e?.latencyP50Ms != null
      ? [{ name: candidate.name, p50: e.latencyP50Ms, p95: e.latencyP95Ms ?? e.latencyP50Ms, index }]
      : [];
  });
  if (rows.length === 0)
    return svg(
      'chart-latency',
      420,
      60,
      'Latency',
      '<text x="8" y="30" class="muted">no live requests (all cached)</text>',
    );
  const left = 150;
  const plot = 200;
  const max = Math.max(...rows.map((r) => r.p95)) || 1;
  const parts = rows.map((r, i) => {
    const y = 10 + i * 28;
    const color = colorOf(r.index);
    return [
      `<text x="${left - 8}" y="${y + 13}" class="label" text-anchor="end">${h(r.name)}</text>`,
      `<rect x="${left}" y="${y}" width="${n((r.p50 / max) * plot)}" height="18" rx="3" fill="${color}" opacity="0.85"/>`,
      `<line x1="${n(left + (r.p95 / max) * plot)}" x2="${n(left + (r.p95 / max) * plot)}" y1="${y - 2}" y2="${y + 20}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${n(left + (r.p95 / max) * plot) + 6}" y="${y + 13}" class="value">${h(`${formatMs(r.p50)} · p95 ${formatMs(r.p95)}`)}</text>`,
    ].join('');
  });
  return svg('chart-latency', 420, rows.length * 28 + 16, 'Latency p50 (bar) and p95 (tick)', parts.join(''));
}

/** Training and validation loss against the step. */
export function lossChart(loss: readonly LossPoint[]): string {
  const width = 420;
  const height = 220;
  const [left, top, right, bottom] = [44, 12, 16, 30];
  const values = loss
    .flatMap((p) => [p.trainLoss, p.validLoss])
    .filter((v): v is number => v != null && Number.isFinite(v));
  const maxStep = Math.max(1, ...loss.map((p) => p.step));
  const maxLoss = Math.max(...values, 0) * 1.05 || 1;
  const x = (step: number) => n(left + (step / maxStep) * (width - left - right));
  const y = (value: number) => n(top + (1 - value / maxLoss) * (height - top - bottom));
  const line = (key: 'trainLoss' | 'validLoss', color: string) => {
    const pts = loss.filter((p) => p[key] != null && Number.isFinite(p[key])).map((p) => `${x(p.step)},${y(p[key]!)}`);
    return pts.length ? `<polyline points="${pts.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>` : '';
  };
  const body = [
    `<line x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" class="axisline"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" class="axisline"/>`,
    `<text x="${left - 6}" y="${top + 8}" class="axis" text-anchor="end">${maxLoss.toFixed(2)}</text>`,
    `<text x="${left - 6}" y="${height - bottom}" class="axis" text-anchor="end">0</text>`,
    `<text x="${width - right}" y="${height - 8}" class="axis" text-anchor="end">step ${maxStep}</text>`,
    line('trainLoss', PALETTE[0]!),
    line('validLoss', PALETTE[2]!),
    `<text x="${left + 8}" y="${height - 8}" class="label" fill="${PALETTE[0]}">train</text>`,
    `<text x="${left + 56}" y="${height - 8}" class="label" fill="${PALETTE[2]}">validation</text>`,
  ];
  return svg('chart-loss', width, height, 'Training loss', body.join(''));
}

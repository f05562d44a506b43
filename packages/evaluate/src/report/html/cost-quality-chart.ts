import { escapeHtml as h } from '../escape.js';
import { formatInterval, formatScore, formatUsd } from '../format.js';
import type { ReportData } from '../report-data.js';
import { colorOf, emptyChart, fitLabel, n, niceScale, svgChart, textWidth, xAxis, yAxis } from './chart-kit.js';

const WIDTH = 460;
const HEIGHT = 300;
const [LEFT, TOP, RIGHT, BOTTOM] = [52, 14, 16, 46];
const FONT = 12.5;

interface Label {
  x: number;
  y: number;
  anchor: 'start' | 'end';
  text: string;
}

/** Pushes labels apart vertically so none overlaps another (they stay inside the plot). */
function spread(labels: Label[], gap: number, min: number, max: number): Label[] {
  const sorted = [...labels].sort((a, b) => a.y - b.y);
  for (let i = 1; i < sorted.length; i++) sorted[i]!.y = Math.max(sorted[i]!.y, sorted[i - 1]!.y + gap);
  const overflow = (sorted.at(-1)?.y ?? 0) - max;
  if (overflow > 0) for (const label of sorted) label.y -= overflow;
  for (const label of sorted) label.y = Math.max(min, label.y);
  return sorted;
}

/** Cost per 1,000 requests (x) against the main metric (y, with its interval); better is up and to the left. */
export function costQualityChart(data: ReportData, metric: string): string {
  const title = `Cost per 1,000 requests against ${metric}`;
  const points = data.candidates.flatMap((candidate, index) => {
    const cost = data.economics.find((e) => e.candidate === candidate.name)?.costPer1kUsd;
    const s = data.summaries.find((x) => x.candidate === candidate.name && x.scorer === metric);
    return cost != null && s?.mean != null ? [{ name: candidate.name, cost, mean: s.mean, ci: s.ci, index }] : [];
  });
  if (points.length === 0) return emptyChart('chart-cost-quality', title, 'no cost or score data');
  const xs = niceScale(0, Math.max(...points.map((p) => p.cost)) * 1.05, 4);
  const ys = niceScale(
    Math.min(...points.map((p) => p.ci?.low ?? p.mean)),
    Math.max(...points.map((p) => p.ci?.high ?? p.mean)),
    4,
  );
  const [x0, x1, y0, y1] = [LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, TOP];
  const x = (cost: number) => xs.at(cost, x0, x1);
  const y = (score: number) => ys.at(score, y0, y1);
  const parts = [
    xAxis(xs, [x0, x1], [y1, y0], { format: (t) => `$${t}` }),
    yAxis(ys, [x0, x1], [y0, y1]),
    `<path d="M${x0} ${y1}V${y0}H${x1}" class="axisline" fill="none"/>`,
    `<text x="${(x0 + x1) / 2}" y="${HEIGHT - 6}" class="axis-title" text-anchor="middle">USD per 1,000 requests → cheaper to the left</text>`,
    `<text x="12" y="${(y0 + y1) / 2}" class="axis-title" text-anchor="middle" transform="rotate(-90 12 ${(y0 + y1) / 2})">${h(fitLabel(metric, 11, 120))} ↑ better</text>`,
  ];
  const labels: Label[] = [];
  for (const p of points) {
    const color = colorOf(p.index);
    const [px, py] = [x(p.cost), y(p.mean)];
    if (p.ci)
      parts.push(
        `<path d="M${px} ${y(p.ci.low)}V${y(p.ci.high)}" stroke="${color}" stroke-width="2.5" opacity="0.7"/>`,
      );
    const tip = `${p.name}: ${formatUsd(p.cost)} per 1k requests, ${metric} ${formatScore(p.mean)} ${formatInterval(p.ci)}`;
    parts.push(
      `<circle cx="${px}" cy="${py}" r="7" fill="${color}" stroke="#fff" stroke-width="1.5"><title>${h(tip)}</title></circle>`,
    );
    const text = fitLabel(`${p.name} · ${formatUsd(p.cost)}`, FONT, 190);
    const room = x1 - px - 12;
    const anchor = textWidth(text, FONT) <= room ? 'start' : 'end';
    labels.push({ x: anchor === 'start' ? px + 11 : px - 11, y: py + 4, anchor, text });
  }
  for (const label of spread(labels, 16, y1 + 10, y0 - 4))
    parts.push(
      `<text x="${n(label.x)}" y="${n(label.y)}" class="name" text-anchor="${label.anchor}">${h(label.text)}</text>`,
    );
  return svgChart('chart-cost-quality', WIDTH, HEIGHT, title, parts.join(''));
}

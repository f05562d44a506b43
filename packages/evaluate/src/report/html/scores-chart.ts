import { escapeHtml as h } from '../escape.js';
import { formatInterval, formatScore } from '../format.js';
import type { ReportData, ScoreSummary } from '../report-data.js';
import { colorOf, emptyChart, fitLabel, n, niceScale, svgChart, textWidth, xAxis } from './chart-kit.js';

const WIDTH = 640;
const ROW = 26;
const LABEL_FONT = 13;
const VALUE_COLUMN = 150;

/**
 * One panel per scorer, each on its own rounded axis (scorers are not comparable to each other): the mean of every
 * candidate as a dot with its 95% interval as a whisker, the baseline's mean as a dashed line, the figures at the right.
 */
export function scoresChart(data: ReportData): string {
  const title = 'Scores: mean with 95% interval';
  if (data.scorers.length === 0 || data.candidates.length === 0) return emptyChart('chart-scores', title, 'no scores');
  const names = data.candidates.map((c) => c.name);
  const left = Math.min(220, Math.max(110, ...names.map((name) => textWidth(name, LABEL_FONT) + 20)));
  const right = WIDTH - VALUE_COLUMN;
  const parts: string[] = [];
  let y = 0;
  for (const scorer of data.scorers) {
    const rows = names.map((name) => data.summaries.find((s) => s.candidate === name && s.scorer === scorer.name));
    const scored = rows.filter((s): s is ScoreSummary & { mean: number } => s?.mean != null);
    const low = Math.min(0, ...scored.map((s) => s.ci?.low ?? s.mean));
    const high = Math.max(...scored.map((s) => s.ci?.high ?? s.mean), 0.1);
    const scale =
      scorer.kind === 'binary'
        ? niceScale(0, 1, 4)
        : niceScale(low, scorer.kind === 'pairwise' ? high : Math.min(high, 1), 4);
    const top = y + 22;
    const bottom = top + rows.length * ROW;
    parts.push(`<text x="0" y="${y + 14}" class="group">${h(fitLabel(scorer.name, LABEL_FONT, left - 12))}</text>`);
    parts.push(xAxis(scale, [left, right], [top, bottom], { above: true }));
    const baseline = rows[names.indexOf(data.baseline ?? '')];
    if (baseline?.mean != null) {
      const x = scale.at(baseline.mean, left, right);
      parts.push(`<line x1="${x}" x2="${x}" y1="${top}" y2="${bottom}" class="baseline-mark"/>`);
    }
    rows.forEach((s, index) => {
      const cy = top + index * ROW + ROW / 2;
      const color = colorOf(index);
      const name = names[index]!;
      parts.push(
        `<text x="${left - 12}" y="${cy + 4.5}" class="name" text-anchor="end">${h(fitLabel(name, LABEL_FONT, left - 20))}</text>`,
      );
      if (!s || s.mean === null) {
        parts.push(
          `<text x="${left + 6}" y="${cy + 4}" class="muted">${s?.errors ? `${s.errors} errors` : 'no scores'}</text>`,
        );
        return;
      }
      if (s.ci) {
        const [x1, x2] = [scale.at(s.ci.low, left, right), scale.at(s.ci.high, left, right)];
        parts.push(
          `<path d="M${x1} ${cy}H${x2}M${x1} ${cy - 6}V${cy + 6}M${x2} ${cy - 6}V${cy + 6}" stroke="${color}" stroke-width="2.5" fill="none"/>`,
        );
      }
      const tip = `${name} · ${scorer.name}: ${formatScore(s.mean)} ${formatInterval(s.ci)} · n = ${s.n}`;
      parts.push(
        `<circle cx="${scale.at(s.mean, left, right)}" cy="${cy}" r="6" fill="${color}" stroke="#fff" stroke-width="1.5"><title>${h(tip)}</title></circle>`,
        `<text x="${right + 14}" y="${cy + 4.5}" class="value"><tspan class="strong">${formatScore(s.mean)}</tspan> ${formatInterval(s.ci)}</text>`,
      );
    });
    y = bottom + 14;
  }
  return svgChart('chart-scores', WIDTH, n(y), title, parts.join(''));
}

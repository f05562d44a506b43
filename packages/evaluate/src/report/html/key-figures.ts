import { formatBreakEven } from '../break-even-cell.js';
import { escapeHtml as h } from '../escape.js';
import { formatInterval, formatMs, formatSigned, formatUsd } from '../format.js';
import { intervalWords } from '../interval-method.js';
import { formatDecidingPWithRaw } from '../p-value-text.js';
import type { ReportData } from '../report-data.js';
import { servesUntil } from '../serves-until.js';
import type { Verdict } from '../verdict.js';
import { toneOf } from './tone.js';

interface Tile {
  id: string;
  label: string;
  value: string;
  tone?: 'good' | 'bad';
  notes: string[];
}

const pair = (p50: number | null, p95: number | null) => `${formatMs(p50)} / ${formatMs(p95)}`;

function tiles(data: ReportData, subject: NonNullable<Verdict['subject']>): Tile[] {
  const { candidate, baseline, metric } = subject;
  const out: Tile[] = [];
  const c = data.comparisons.find((x) => x.candidate === candidate && x.baseline === baseline && x.scorer === metric);
  if (c && c.diff !== null) {
    const tone = toneOf(c);
    out.push({
      id: 'kpi-quality',
      label: `${metric} vs ${baseline}`,
      value: formatSigned(c.diff),
      ...(tone ? { tone } : {}),
      notes: [
        `95% CI ${formatInterval(c.ci, true)}${intervalWords(c.ciMethod)} · ${formatDecidingPWithRaw(c)}`,
        `${c.wins} wins · ${c.ties} ties · ${c.losses} losses`,
      ],
    });
  }
  const mine = data.economics.find((e) => e.candidate === candidate);
  const theirs = data.economics.find((e) => e.candidate === baseline);
  if (mine?.costPer1kUsd != null) {
    const base = theirs?.costPer1kUsd;
    const change = base ? (mine.costPer1kUsd - base) / base : null;
    const same = change !== null && Math.abs(change) < 0.005;
    const tone = change === null || same ? undefined : change < 0 ? 'good' : 'bad';
    out.push({
      id: 'kpi-cost',
      label: 'cost per 1,000 requests',
      value: formatUsd(mine.costPer1kUsd),
      ...(tone ? { tone } : {}),
      notes:
        base != null && change !== null
          ? [
              same
                ? `same as ${baseline}`
                : `${Math.abs(Math.round(change * 100))}% ${change < 0 ? 'cheaper' : 'dearer'} than ${baseline}`,
              `${baseline}: ${formatUsd(base)}`,
            ]
          : [],
    });
  }
  if (mine?.trainingCostUsd != null)
    out.push({
      id: 'kpi-break-even',
      label: 'training pays back after',
      value: typeof mine.breakEvenRequests === 'number' ? `${formatBreakEven(mine)} requests` : formatBreakEven(mine),
      ...(mine.breakEvenRequests === null ? { tone: 'bad' as const } : {}),
      notes: [
        `training cost ${formatUsd(mine.trainingCostUsd)}`,
        ...(data.training?.retires ? [servesUntil(data.training.retires, data.meta.createdAt)] : []),
      ],
    });
  if (mine?.latencyP50Ms != null)
    out.push({
      id: 'kpi-latency',
      label: 'latency p50 / p95',
      value: pair(mine.latencyP50Ms, mine.latencyP95Ms),
      notes: theirs?.latencyP50Ms != null ? [`${baseline}: ${pair(theirs.latencyP50Ms, theirs.latencyP95Ms)}`] : [],
    });
  return out;
}

/** The figures behind the verdict, one tile each: quality difference, cost, break-even, latency. */
export function keyFigures(data: ReportData, verdict: Verdict): string {
  if (!verdict.subject) return '';
  const cells = tiles(data, verdict.subject).map(
    (t) =>
      `<div class="kpi${t.tone ? ` tone-${t.tone}` : ''}" id="${t.id}" data-testid="${t.id}"><div class="kpi-label">${h(t.label)}</div><div class="kpi-value">${h(t.value)}</div>${t.notes.map((note) => `<div class="kpi-note">${h(note)}</div>`).join('')}</div>`,
  );
  return cells.length ? `<div class="kpis" data-testid="key-figures">${cells.join('')}</div>` : '';
}

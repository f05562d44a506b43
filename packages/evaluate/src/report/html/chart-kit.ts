import { escapeHtml as h } from '../escape.js';

/** Shared pieces of the inline SVG charts. Labels are always escaped; data reaches the SVG only as numbers. */
export const PALETTE = ['#4f46e5', '#0891b2', '#d97706', '#059669', '#dc2626', '#7c3aed', '#db2777', '#475569'];
export const colorOf = (index: number) => PALETTE[index % PALETTE.length]!;

/** A number fit for an SVG attribute (one decimal, never NaN). */
export const n = (value: number) => (Number.isFinite(value) ? Number(value.toFixed(1)) : 0);

export interface Scale {
  min: number;
  max: number;
  ticks: number[];
  /** Maps a value into [from, to] pixels, clamped to the scale's domain. */
  at(value: number, from: number, to: number): number;
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
  return step ?? 10 * power;
}

/** A "nice" axis covering [low, high]: round ends and about `count` round ticks. */
export function niceScale(low: number, high: number, count = 5): Scale {
  let lo = Number.isFinite(low) ? low : 0;
  let hi = Number.isFinite(high) ? high : 1;
  if (hi <= lo) hi = lo + (lo === 0 ? 1 : Math.abs(lo) * 0.5);
  const step = niceStep(hi - lo, count);
  lo = Number((Math.floor(lo / step + 1e-9) * step).toPrecision(12));
  hi = Number((Math.ceil(hi / step - 1e-9) * step).toPrecision(12));
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return {
    min: lo,
    max: hi,
    ticks,
    at: (value, from, to) => n(from + ((Math.min(hi, Math.max(lo, value)) - lo) / (hi - lo)) * (to - from)),
  };
}

/** Tick text: as few decimals as the step needs. */
export function tickLabel(value: number, ticks: readonly number[]): string {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  const digits = Math.min(4, String(Number(step.toPrecision(6))).split('.')[1]?.length ?? 0);
  return value.toFixed(digits).replace('-', '\u2212');
}

/** Rough rendered width of a label in px (CJK and wide characters count double), for layout without a DOM. */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text)
    units += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/u.test(ch) ? 1 : 0.58;
  return units * fontSize;
}

/** Shortens a label to fit `maxWidth` px, with an ellipsis. */
export function fitLabel(text: string, fontSize: number, maxWidth: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, fontSize) > maxWidth) break;
    out += ch;
  }
  return `${out}…`;
}

/** The outer element. Rendered at its natural size (width attribute) and shrunk, never stretched, by CSS. */
export function svgChart(id: string, width: number, height: number, title: string, body: string): string {
  return `<svg id="${id}" data-testid="${id}" class="chart" width="${width}" height="${n(height)}" viewBox="0 0 ${width} ${n(height)}" role="img" aria-label="${h(title)}" xmlns="http://www.w3.org/2000/svg"><title>${h(title)}</title>${body}</svg>`;
}

export function emptyChart(id: string, title: string, message: string): string {
  return svgChart(id, 420, 60, title, `<text x="8" y="34" class="muted">${h(message)}</text>`);
}

/** Vertical grid lines and tick labels for a horizontal value axis. */
export function xAxis(
  scale: Scale,
  [left, right]: [number, number],
  [top, bottom]: [number, number],
  { above = false, format = (t: string) => t }: { above?: boolean; format?: (tick: string) => string } = {},
): string {
  return scale.ticks
    .map((t) => {
      const x = scale.at(t, left, right);
      return `<line x1="${x}" x2="${x}" y1="${n(top)}" y2="${n(bottom)}" class="grid"/><text x="${x}" y="${n(above ? top - 8 : bottom + 16)}" class="axis" text-anchor="middle">${format(tickLabel(t, scale.ticks))}</text>`;
    })
    .join('');
}

/** Horizontal grid lines and tick labels for a vertical value axis (`bottom` maps to the scale's minimum). */
export function yAxis(scale: Scale, [left, right]: [number, number], [bottom, top]: [number, number]): string {
  return scale.ticks
    .map((t) => {
      const y = scale.at(t, bottom, top);
      return `<line x1="${n(left)}" x2="${n(right)}" y1="${y}" y2="${y}" class="grid"/><text x="${n(left - 6)}" y="${n(y + 4)}" class="axis" text-anchor="end">${tickLabel(t, scale.ticks)}</text>`;
    })
    .join('');
}

import type { LossPoint } from '../report-data.js';
import { niceScale, PALETTE, svgChart, xAxis, yAxis } from './chart-kit.js';

const WIDTH = 540;
const HEIGHT = 240;
const [LEFT, TOP, RIGHT, BOTTOM] = [48, 12, 16, 44];

/** Training and validation loss against the step, on rounded axes. */
export function lossChart(loss: readonly LossPoint[]): string {
  const values = loss
    .flatMap((p) => [p.trainLoss, p.validLoss])
    .filter((v): v is number => v != null && Number.isFinite(v));
  const xs = niceScale(0, Math.max(1, ...loss.map((p) => p.step)), 5);
  const ys = niceScale(0, Math.max(...values, 0), 4);
  const [x0, x1, y0, y1] = [LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, TOP];
  const line = (key: 'trainLoss' | 'validLoss', color: string) => {
    const pts = loss
      .filter((p) => p[key] != null && Number.isFinite(p[key]))
      .map((p) => `${xs.at(p.step, x0, x1)},${ys.at(p[key]!, y0, y1)}`);
    return pts.length ? `<polyline points="${pts.join(' ')}" fill="none" stroke="${color}" stroke-width="1.8"/>` : '';
  };
  const legendY = HEIGHT - 6;
  const body = [
    xAxis(xs, [x0, x1], [y1, y0]),
    yAxis(ys, [x0, x1], [y0, y1]),
    `<path d="M${x0} ${y1}V${y0}H${x1}" class="axisline" fill="none"/>`,
    line('trainLoss', PALETTE[0]!),
    line('validLoss', PALETTE[2]!),
    `<rect x="${x0}" y="${legendY - 9}" width="14" height="3" fill="${PALETTE[0]}"/><text x="${x0 + 20}" y="${legendY}" class="name">train</text>`,
    `<rect x="${x0 + 80}" y="${legendY - 9}" width="14" height="3" fill="${PALETTE[2]}"/><text x="${x0 + 100}" y="${legendY}" class="name">validation</text>`,
    `<text x="${x1}" y="${legendY}" class="axis-title" text-anchor="end">training step</text>`,
  ];
  return svgChart('chart-loss', WIDTH, HEIGHT, 'Training and validation loss', body.join(''));
}

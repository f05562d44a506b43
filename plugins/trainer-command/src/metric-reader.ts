import type { TrainerControl } from '@tunekit/core';
import { FileTail } from './file-tail.js';
import { type LoggedMetric, parseMetricLine, StepCounter } from './training-log.js';

export type PlacedMetric = LoggedMetric & { step: number };

/** Reads the metrics a job has logged since the last read, from its metrics file or else its output. */
export class MetricReader {
  private readonly tail: FileTail;
  private readonly steps = new StepCounter();

  constructor(source: string) {
    this.tail = new FileTail(source);
  }

  async next(finished = false): Promise<PlacedMetric[]> {
    const metrics: PlacedMetric[] = [];
    const take = (line: string) => {
      this.steps.observe(line);
      const metric = parseMetricLine(line);
      if (metric) metrics.push(this.steps.place(metric));
    };
    await this.tail.read(take);
    if (finished) this.tail.rest().forEach(take);
    return metrics;
  }
}

const cell = (value: number | undefined) => (value === undefined ? '' : String(value));

/**
 * The curve in the results CSV the report reads (`step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy`),
 * one row per step: a step's training and evaluation points merge, a later point of the same step wins.
 */
export async function writeMetricsCsv(metrics: PlacedMetric[], rt: TrainerControl): Promise<string | undefined> {
  if (metrics.length === 0) return undefined;
  const rows = new Map<number, LoggedMetric>();
  for (const metric of metrics) {
    const row = rows.get(metric.step) ?? {};
    for (const [key, value] of Object.entries(metric))
      if (value !== undefined) (row as Record<string, unknown>)[key] = value;
    rows.set(metric.step, row);
  }
  const lines = ['step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy'];
  for (const [step, row] of [...rows].sort((a, b) => a[0] - b[0])) {
    lines.push([step, cell(row.trainLoss), cell(row.tokenAccuracy), cell(row.validLoss), ''].join(','));
  }
  return rt.writeArtifact('metrics.csv', `${lines.join('\n')}\n`);
}

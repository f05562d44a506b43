import { readFile } from 'node:fs/promises';
import type { EvaluatorRuntime } from '@tunekit/core';
import { parseFineTunedId } from '@tunekit/format';
import { parse } from 'csv-parse/sync';
import type { LossPoint, TrainingInfo } from '../report/report-data.js';

function numberOrUndefined(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** The trainer's result and its loss curve (metrics.csv: step,train_loss,train_accuracy,valid_loss,...). */
export async function trainingInfo(rt: EvaluatorRuntime): Promise<TrainingInfo | undefined> {
  const train = rt.train;
  if (!train) return undefined;
  const loss: LossPoint[] = [];
  if (train.metricsFile) {
    try {
      const rows = parse(await readFile(train.metricsFile, 'utf8'), {
        columns: true,
        skip_empty_lines: true,
      }) as Record<string, string>[];
      for (const row of rows) {
        const step = numberOrUndefined(row.step);
        if (step === undefined) continue;
        loss.push({ step, trainLoss: numberOrUndefined(row.train_loss), validLoss: numberOrUndefined(row.valid_loss) });
      }
    } catch {
      rt.logger.warn(`cannot read the training metrics file ${train.metricsFile}; the report shows no loss curve`);
    }
  }
  const baseModel = train.baseModel ?? baseModelOf(train.model, rt.model);
  return {
    model: train.model,
    ...(baseModel ? { baseModel } : {}),
    trainedTokens: train.trainedTokens,
    costUsd: train.costUsd,
    ...(train.retires ? { retires: train.retires } : {}),
    loss,
  };
}

/**
 * The model the job trained from: what the fine-tuned id names (`ft:<base>:…`, right even when the trainer's own
 * `model:` option overrode the pipeline's), else the pipeline's target model, which the trainer is given as its base.
 */
export function baseModelOf(tuned: string | undefined, target: string | undefined): string | undefined {
  return (tuned ? parseFineTunedId(tuned)?.base : undefined) ?? target;
}

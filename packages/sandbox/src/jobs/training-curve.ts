import type { TrainingPlan } from '../store/records.js';

export interface StepMetrics {
  step: number;
  train_loss: number;
  train_mean_token_accuracy: number;
  valid_loss: number | null;
  valid_mean_token_accuracy: number | null;
}

/** A number in [0, 1) from two integers; the same inputs always give the same number. */
export function hashUnit(seed: number, n: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * A plausible loss curve: exponential decay from ~2.2 towards ~0.3 with seeded jitter. Validation figures appear at
 * the end of each epoch when the job has a validation file (the service leaves them empty on most steps).
 */
export function stepMetrics(plan: TrainingPlan, seed: number, step: number): StepMetrics {
  const progress = step / Math.max(1, plan.totalSteps);
  const start = 2.0 + 0.4 * hashUnit(seed, -1);
  const floor = 0.25 + 0.15 * hashUnit(seed, -2);
  const jitter = (hashUnit(seed, step) - 0.5) * 0.12 * (1 - progress * 0.7);
  const trainLoss = Math.max(0.01, floor + (start - floor) * Math.exp(-4 * progress) + jitter);
  const stepsPerEpoch = Math.max(1, Math.round(plan.totalSteps / plan.epochs));
  const epochEnd = step % stepsPerEpoch === 0 || step === plan.totalSteps;
  const hasValidation = plan.validationExamples > 0 && epochEnd;
  const validLoss = trainLoss * (1.08 + 0.05 * hashUnit(seed, step + 7919));
  return {
    step,
    train_loss: round(trainLoss),
    train_mean_token_accuracy: round(accuracyOf(trainLoss)),
    valid_loss: hasValidation ? round(validLoss) : null,
    valid_mean_token_accuracy: hasValidation ? round(accuracyOf(validLoss)) : null,
  };
}

function accuracyOf(loss: number): number {
  return Math.min(0.99, Math.max(0.05, 1 - loss / 2.6));
}

/** The results CSV of the service: `step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy`. */
export function resultsCsv(plan: TrainingPlan, seed: number): string {
  const lines = ['step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy'];
  for (let step = 1; step <= plan.totalSteps; step++) {
    const m = stepMetrics(plan, seed, step);
    lines.push(
      `${step},${m.train_loss},${m.train_mean_token_accuracy},${m.valid_loss ?? ''},${m.valid_mean_token_accuracy ?? ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Steps that end an epoch; a checkpoint is kept for the last three. */
export function checkpointSteps(plan: TrainingPlan): number[] {
  const stepsPerEpoch = plan.totalSteps / plan.epochs;
  const steps: number[] = [];
  for (let epoch = Math.max(1, plan.epochs - 2); epoch <= plan.epochs; epoch++) {
    steps.push(Math.round(stepsPerEpoch * epoch));
  }
  return steps;
}

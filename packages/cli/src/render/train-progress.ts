import type { TrainerEstimate, TrainPhaseEvent } from '@tunekit/core';
import { type CliIO, println } from '../io.js';
import { formatCount, formatCounted, formatUsd } from './format.js';
import { ttyBar } from './tty-bar.js';

type Metric = Extract<TrainPhaseEvent, { type: 'metric' }>;

export function describeEstimate(estimate: TrainerEstimate): string {
  const cost = estimate.costUsd === undefined ? ' (no training price)' : ` ≈ ${formatUsd(estimate.costUsd)}`;
  return `estimate: ${formatCounted(estimate.examples, 'example')}, ${formatCount(estimate.billingTokens)} tokens × ${estimate.epochs} epochs = ${formatCount(estimate.trainingTokens)} training tokens${cost}`;
}

function describeMetric(event: Metric): string {
  const loss = event.trainLoss === undefined ? '' : ` · train loss ${event.trainLoss.toFixed(4)}`;
  const valid = event.validLoss === undefined ? '' : ` · valid loss ${event.validLoss.toFixed(4)}`;
  return `step ${event.step}/${event.totalSteps ?? '?'}${loss}${valid}`;
}

/** One plain line per event worth a line (metrics are thinned by the caller), or undefined. */
export function describeTrainEvent(event: TrainPhaseEvent): string | undefined {
  switch (event.type) {
    case 'estimate':
      return describeEstimate(event.estimate);
    case 'attached':
      return `re-attached to ${event.jobId ?? 'the job'} (launched earlier, not paid again)`;
    case 'status':
      return `${event.jobId ?? 'job'} ${event.rawStatus}${event.message ? `: ${event.message}` : ''}`;
    case 'metric':
      return describeMetric(event);
    case 'checkpoint':
      return `checkpoint ${event.model} at step ${event.step}`;
    case 'log':
      return event.level === 'info' ? undefined : `${event.level}: ${event.message}`;
  }
}

/** A metric line every tenth of the run (and the last step), so plain logs stay short. */
function isMilestone(event: Metric): boolean {
  if (!event.totalSteps) return event.step % 10 === 0;
  const every = Math.max(1, Math.floor(event.totalSteps / 10));
  return event.step % every === 0 || event.step === event.totalSteps;
}

function formatEta(seconds: number | undefined): string {
  if (seconds === undefined) return '—';
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
}

/** Training progress: on a TTY a bar with step/total, train loss and ETA; otherwise plain lines on stderr. */
export function trainProgress(io: CliIO): { update(event: unknown): void; stop(): void } {
  const line = (text: string | undefined) => text && println(io.stderr, `train: ${text.replace(/[\r\n]+/g, ' ')}`);
  if (!io.isTTY) {
    return {
      update(raw) {
        const event = raw as TrainPhaseEvent;
        if (event.type !== 'metric' || isMilestone(event)) line(describeTrainEvent(event));
      },
      stop() {},
    };
  }
  const bar = ttyBar(io, 'train    {bar} {value}/{total} steps · loss {loss} · ETA {eta} · {status}', {
    clearOnComplete: false,
  });
  let status = 'starting';
  let lastStep: { step: number; total: number; loss: string; eta: string } | undefined;
  const startedAt = Date.now();
  return {
    update(raw) {
      const event = raw as TrainPhaseEvent;
      if (event.type === 'status') status = event.rawStatus;
      if (event.type === 'metric' && event.totalSteps) {
        const elapsed = (Date.now() - startedAt) / 1000;
        const eta =
          event.etaSeconds ?? (event.step > 0 ? (elapsed / event.step) * (event.totalSteps - event.step) : undefined);
        bar.show(event.step, event.totalSteps, {
          loss: event.trainLoss?.toFixed(4) ?? '—',
          eta: formatEta(eta),
          status,
        });
        lastStep = {
          step: event.step,
          total: event.totalSteps,
          loss: event.trainLoss?.toFixed(4) ?? '—',
          eta: formatEta(eta),
        };
        return;
      }
      if (bar.started && lastStep)
        bar.show(lastStep.step, lastStep.total, { loss: lastStep.loss, eta: lastStep.eta, status });
      else if (event.type !== 'metric') line(describeTrainEvent(event));
    },
    stop: () => bar.stop(),
  };
}

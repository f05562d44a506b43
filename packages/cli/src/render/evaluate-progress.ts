import type { CliIO } from '../io.js';
import { ttyBar } from './tty-bar.js';

/** Evaluation progress: done/total, errors, ETA and money spent; a TTY bar, or nothing on plain output. */
export function evaluateProgress(io: CliIO): {
  update(event: { done: number; total: number; errors: number; costUsd: number }): void;
  stop(): void;
} {
  if (!io.isTTY) return { update() {}, stop() {} };
  const bar = ttyBar(io, 'evaluate [{bar}] {value}/{total} · {errors} errors · ETA {eta_formatted} · ${cost} spent');
  return {
    update: ({ done, total, errors, costUsd }) => bar.show(done, total, { errors, cost: costUsd.toFixed(4) }),
    stop: () => bar.stop(),
  };
}

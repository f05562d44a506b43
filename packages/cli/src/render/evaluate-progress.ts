import cliProgress from 'cli-progress';
import type { CliIO } from '../io.js';

/** Evaluation progress: done/total, errors, ETA and money spent; a TTY bar, or nothing on plain output. */
export function evaluateProgress(io: CliIO): {
  update(event: { done: number; total: number; errors: number; costUsd: number }): void;
  stop(): void;
} {
  if (!io.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: 'evaluate [{bar}] {value}/{total} · {errors} errors · ETA {eta_formatted} · ${cost} spent',
      stream: io.stderr as NodeJS.WriteStream,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update({ done, total, errors, costUsd }) {
      const payload = { errors, cost: costUsd.toFixed(4) };
      if (!started) {
        bar.start(total, done, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

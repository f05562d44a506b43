import type { RunEvent } from '@tunekit/core';
import type { CliIO } from '../io.js';
import { formatCount } from './format.js';
import { ttyBar } from './tty-bar.js';

type Progress = Extract<RunEvent, { type: 'dataset-progress' }>;

/** On a TTY a live line (records read, kept, rejected, records/s); nothing otherwise (the summary follows). */
export function datasetProgress(io: CliIO): { update(event: Progress): void; stop(): void } {
  if (!io.isTTY) return { update() {}, stop() {} };
  const bar = ttyBar(
    io,
    'dataset  {read} read · {kept} kept · {rejected} rejected · {discarded} duplicates · {rate} records/s',
  );
  return {
    update(event) {
      bar.show(0, 1, {
        read: formatCount(event.steps[0]?.in ?? 0),
        kept: formatCount(event.steps.at(-1)?.out ?? 0),
        rejected: formatCount(event.steps.reduce((sum, s) => sum + s.rejected, 0)),
        discarded: formatCount(event.steps.reduce((sum, s) => sum + s.discarded, 0)),
        rate: formatCount(Math.round(event.recordsPerSecond)),
      });
    },
    stop: () => bar.stop(),
  };
}

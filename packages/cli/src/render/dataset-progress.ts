import type { RunEvent } from '@tunekit/core';
import cliProgress from 'cli-progress';
import type { CliIO } from '../io.js';
import { formatCount } from './format.js';

type Progress = Extract<RunEvent, { type: 'dataset-progress' }>;

/** On a TTY a live line (records read, kept, rejected, records/s); nothing otherwise (the summary follows). */
export function datasetProgress(io: CliIO): { update(event: Progress): void; stop(): void } {
  if (!io.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: 'dataset  {read} read · {kept} kept · {rejected} rejected · {discarded} duplicates · {rate} records/s',
      stream: io.stderr as NodeJS.WriteStream,
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(event) {
      const read = event.steps[0]?.in ?? 0;
      const payload = {
        read: formatCount(read),
        kept: formatCount(event.steps.at(-1)?.out ?? 0),
        rejected: formatCount(event.steps.reduce((sum, s) => sum + s.rejected, 0)),
        discarded: formatCount(event.steps.reduce((sum, s) => sum + s.discarded, 0)),
        rate: formatCount(Math.round(event.recordsPerSecond)),
      };
      if (!started) {
        bar.start(1, 0, payload);
        started = true;
      } else bar.update(0, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

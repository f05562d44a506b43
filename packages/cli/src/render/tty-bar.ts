import cliProgress from 'cli-progress';
import type { CliIO } from '../io.js';

export interface TtyBar {
  /** Starts the bar on first call, then updates it. */
  show(value: number, total: number, payload: Record<string, unknown>): void;
  stop(): void;
  readonly started: boolean;
}

/** One progress bar on stderr (only used on a TTY), started lazily on the first figures. */
export function ttyBar(io: CliIO, format: string, options: { clearOnComplete?: boolean } = {}): TtyBar {
  const bar = new cliProgress.SingleBar(
    {
      format,
      stream: io.stderr as NodeJS.WriteStream,
      hideCursor: true,
      clearOnComplete: options.clearOnComplete ?? true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    show(value, total, payload) {
      if (!started) bar.start(total, value, payload);
      else {
        bar.setTotal(total);
        bar.update(value, payload);
      }
      started = true;
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
    get started() {
      return started;
    },
  };
}

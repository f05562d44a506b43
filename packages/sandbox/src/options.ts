import { mkdir } from 'node:fs/promises';
import { TunekitError } from '@tunekit/core';

/** Options of `startSandbox`; every field is optional. See the package README for the behaviour of each. */
export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Added before every `/v1` answer. */
  latencyMs?: number;
  /** Share of `/v1` requests (0..1) that get an injected fault: 500, 503, a dropped connection or a slow answer. */
  failRate?: number;
  /** Seeds the fault sequence; the n-th request of a run gets the same fault for the same seed. */
  seed?: number;
  /** How long a slow answer waits, in ms (default 5 × latencyMs, at least 300). */
  slowMs?: number;
  /** Chat completion requests per simulated minute (the window is 60 s × timeScale). */
  rpm?: number;
  /** Chat completion tokens per simulated minute. */
  tpm?: number;
  /**
   * Multiplies every simulated duration: a fine-tuning job takes about 60 s × timeScale, a batch about 40 s × timeScale,
   * the rate-limit window is 60 s × timeScale. Default 0.025 (a job in ~1.5 s, for tests); the CLI defaults to 1.
   */
  timeScale?: number;
  /** When given, only `Authorization: Bearer <apiKey>` is accepted; otherwise any bearer token is. */
  apiKey?: string;
  /** A folder that keeps files, jobs and batches across restarts. */
  dataDir?: string;
  /** Every spending request answers 429 `insufficient_quota` (with `x-should-retry: false`). */
  insufficientQuota?: boolean;
  /** Job creation answers 403 `fine_tuning_unavailable`, like the 2026–27 wind-down of self-serve fine-tuning. */
  refuseFineTuning?: boolean;
  /**
   * Batches expire (their completion window ends) once this share (0..1) of their requests is done: the output file
   * holds those, the error file the rest as `batch_expired`. Absent: batches complete.
   */
  expireBatchesAt?: number;
  /** Organisation name used in fine-tuned model ids (`ft:<base>:<org>:<suffix>:<id>`). Default `sandbox`. */
  org?: string;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  latencyMs: number;
  failRate: number;
  seed: number;
  slowMs: number;
  rpm: number;
  tpm: number;
  timeScale: number;
  apiKey: string | undefined;
  dataDir: string | undefined;
  insufficientQuota: boolean;
  refuseFineTuning: boolean;
  expireBatchesAt: number | undefined;
  org: string;
}

export const DEFAULT_TIME_SCALE = 0.025;

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    latencyMs,
    failRate: Math.min(1, Math.max(0, options.failRate ?? 0)),
    seed: Math.trunc(options.seed ?? 0),
    slowMs: options.slowMs ?? Math.max(300, 5 * latencyMs),
    rpm: options.rpm ?? 0,
    tpm: options.tpm ?? 0,
    timeScale: options.timeScale && options.timeScale > 0 ? options.timeScale : DEFAULT_TIME_SCALE,
    apiKey: options.apiKey,
    dataDir: options.dataDir,
    insufficientQuota: options.insufficientQuota ?? false,
    refuseFineTuning: options.refuseFineTuning ?? false,
    expireBatchesAt:
      options.expireBatchesAt === undefined ? undefined : Math.min(1, Math.max(0, options.expireBatchesAt)),
    org: options.org ?? 'sandbox',
  };
}

/**
 * Creates the data folder (and the folders above it) before the server starts. A path that is a file, or lies under
 * one, or that this user cannot create, is the caller's mistake: OPTION_INVALID naming the folder, not an EEXIST.
 */
export async function prepareDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST'
        ? 'not a folder (the sandbox keeps its files, jobs and batches in a folder)'
        : code === 'ENOTDIR'
          ? 'cannot be the sandbox data folder: a part of this path is a file, not a folder'
          : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
            ? 'cannot create the sandbox data folder: permission denied'
            : undefined;
    if (why === undefined) throw error;
    throw new TunekitError('OPTION_INVALID', why, { cause: error, context: { file: dataDir, field: 'dataDir' } });
  }
}

import type { CliIO } from './io.js';
import { println } from './io.js';

export interface SandboxHandle {
  baseURL: string;
  close(): Promise<void>;
}

type StartSandbox = (options: {
  port?: number;
  timeScale?: number;
  seed?: number;
  dataDir?: string;
}) => Promise<SandboxHandle>;

/** The env var every provider of a sandbox run reads its key from (the sandbox accepts any key). */
export const SANDBOX_KEY_ENV = 'TUNEKIT_SANDBOX_API_KEY';

/** Starts the in-process sandbox that stands in for OpenAI in offline runs. */
export async function startSandboxSession(
  io: CliIO,
  options: { timeScale?: number; dataDir?: string; reason?: string } = {},
): Promise<SandboxHandle & { apiKeyEnv: string }> {
  const { startSandbox } = (await import('@tunekit/sandbox')) as unknown as { startSandbox: StartSandbox };
  // The sandbox keeps its files and jobs in the run folder, so a rerun re-attaches to the same simulated job.
  const handle = await startSandbox({
    port: 0,
    ...(options.timeScale ? { timeScale: options.timeScale } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  process.env[SANDBOX_KEY_ENV] ??= 'sandbox-not-a-secret';
  const why = options.reason ? ` — ${options.reason}` : '';
  println(io.stderr, `sandbox: simulated models at ${handle.baseURL}${why}; no OpenAI call, no bill`);
  return { ...handle, apiKeyEnv: SANDBOX_KEY_ENV };
}

import { TunekitError } from '@tunekit/core';
import { startSandbox } from '@tunekit/sandbox';
import { println } from '../io.js';
import type { RegisterCommand } from './command.js';

interface SandboxFlags {
  port: string;
  latencyMs?: string;
  failRate?: string;
  rpm?: string;
  tpm?: string;
  timeScale: string;
  apiKey?: string;
  data?: string;
  seed?: string;
  insufficientQuota?: boolean;
  refuseFineTuning?: boolean;
}

export const registerSandbox: RegisterCommand = (program, io) => {
  program
    .command('sandbox')
    .description(
      'Start an OpenAI-compatible server for offline runs, demos and CI (files, fine-tuning jobs, chat, batches).',
    )
    .option('-p, --port <port>', 'port on 127.0.0.1 (0 picks a free one)', '8787')
    .option('--latency-ms <ms>', 'delay added to every answer')
    .option('--fail-rate <share>', 'share of requests (0..1) that get a 500, 503, dropped connection or slow answer')
    .option('--rpm <n>', 'chat requests per simulated minute before 429')
    .option('--tpm <n>', 'chat tokens per simulated minute before 429')
    .option('--time-scale <factor>', 'multiplies simulated durations (1: a job takes about a minute)', '1')
    .option('--api-key <key>', 'accept only this bearer key (default: any)')
    .option('--data <dir>', 'keep files, jobs and batches in this folder across restarts')
    .option('--seed <n>', 'seed of the fault sequence')
    .option('--insufficient-quota', 'answer every spending request with 429 insufficient_quota')
    .option('--refuse-fine-tuning', 'answer job creation with 403 fine_tuning_unavailable (the 2027 wind-down)')
    .action(async (flags: SandboxFlags) => {
      const sandbox = await startSandbox({
        port: number(flags.port, '--port'),
        latencyMs: number(flags.latencyMs, '--latency-ms'),
        failRate: number(flags.failRate, '--fail-rate'),
        rpm: number(flags.rpm, '--rpm'),
        tpm: number(flags.tpm, '--tpm'),
        timeScale: number(flags.timeScale, '--time-scale'),
        seed: number(flags.seed, '--seed'),
        ...(flags.apiKey ? { apiKey: flags.apiKey } : {}),
        ...(flags.data ? { dataDir: flags.data } : {}),
        insufficientQuota: flags.insufficientQuota ?? false,
        refuseFineTuning: flags.refuseFineTuning ?? false,
      }).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') {
          throw new TunekitError('USAGE', `port ${flags.port} is in use`, {
            context: { field: '--port', hint: 'pass --port 0 for a free port' },
          });
        }
        throw error;
      });
      println(io.stdout, `tunekit sandbox listening on ${sandbox.url}`);
      println(io.stdout, 'Point OpenAI clients at it with:');
      println(io.stdout, `  OPENAI_BASE_URL=${sandbox.baseURL}`);
      println(io.stdout, `  OPENAI_API_KEY=${flags.apiKey ? '<the key given with --api-key>' : 'sandbox'}`);
      println(io.stdout, `Stats: ${sandbox.url}/sandbox/stats — Ctrl-C to stop.`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await sandbox.close();
    });
};

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) {
    throw new TunekitError('USAGE', `${flag} expects a non-negative number, got "${value}"`, {
      context: { field: flag },
    });
  }
  return parsed;
}

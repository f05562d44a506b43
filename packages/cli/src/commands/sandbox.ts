import { TunekitError } from '@tunekit/core';
import { startSandbox } from '@tunekit/sandbox';
import { println } from '../io.js';
import { numberOption } from '../option-values.js';
import type { RegisterCommand } from './command.js';

/**
 * The longest delay a Node timer takes is 2^31 − 1 ms (a longer one fires at once), and a slow answer (a fault) waits
 * 5 × --latency-ms.
 */
const MAX_LATENCY_MS = Math.floor(2_147_483_647 / 5);

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
    .option(
      '--time-scale <factor>',
      'multiplies simulated durations, at most 1000 (1: a job takes about a minute)',
      '1',
    )
    .option('--api-key <key>', 'accept only this bearer key (default: any)')
    .option('--data <dir>', 'keep files, jobs and batches in this folder across restarts')
    .option('--seed <n>', 'seed of the fault sequence')
    .option('--insufficient-quota', 'answer every spending request with 429 insufficient_quota')
    .option('--refuse-fine-tuning', 'answer job creation with 403 fine_tuning_unavailable (the 2027 wind-down)')
    .action(async (flags: SandboxFlags) => {
      const port = numberOption(flags.port, '--port', { integer: true, min: 0, max: 65535 });
      const sandbox = await startSandbox({
        port,
        latencyMs: numberOption(flags.latencyMs, '--latency-ms', { min: 0, max: MAX_LATENCY_MS }),
        failRate: numberOption(flags.failRate, '--fail-rate', { min: 0, max: 1 }),
        rpm: numberOption(flags.rpm, '--rpm', { integer: true, min: 0 }),
        tpm: numberOption(flags.tpm, '--tpm', { integer: true, min: 0 }),
        timeScale: numberOption(flags.timeScale, '--time-scale', { above: 0, max: 1000 }),
        seed: numberOption(flags.seed, '--seed', { integer: true, min: 0 }),
        ...(flags.apiKey ? { apiKey: flags.apiKey } : {}),
        ...(flags.data ? { dataDir: flags.data } : {}),
        insufficientQuota: flags.insufficientQuota ?? false,
        refuseFineTuning: flags.refuseFineTuning ?? false,
      }).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') {
          throw new TunekitError('USAGE', `port ${port} is in use`, {
            context: { field: '--port', hint: 'pass --port 0 for a free port' },
          });
        }
        if (code === 'EACCES' && (error as NodeJS.ErrnoException).syscall === 'listen') {
          throw new TunekitError('USAGE', `port ${port} is not open to this user (ports below 1024 need privileges)`, {
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

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { envSecretsIn, type PluginEnv, type TrainerInput, TunekitError } from '@tunekit/core';
import type { TrainerCommandOptions } from './options.js';
import { fillPlaceholders, type PlaceholderValues } from './placeholders.js';

/** Everything a launch runs, worked out from the options and the run: same plan, same job. */
export interface JobPlan {
  /** sha256 of the dataset and everything that decides what the program does. */
  jobKey: string;
  jobId: string;
  jobDir: string;
  outputDir: string;
  argv: string[];
  /** The JSONL log the losses are read from, when the options name one (else the program's output). */
  metricsFile?: string;
  cwd: string;
  env: Record<string, string>;
  /** The rendered config file, when the options give a template. */
  config?: { path: string; text: string };
}

const READ_FAILURE: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
};

async function readTemplate(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const why = READ_FAILURE[code] ?? code;
    throw new TunekitError(
      'INPUT_NOT_FOUND',
      `trainer-command: \`config.template\`: cannot read ${path}${why ? `: ${why}` : ''}`,
      {
        cause: error,
        context: {
          field: 'train.with.config.template',
          ...(code === 'ENOENT' ? { hint: "a relative path is read from the pipeline file's folder" } : {}),
        },
      },
    );
  }
}

/**
 * The options are written to `trainer-state.json` and the command to the log: a credential that `${{ env.… }}` put
 * into them would land there. The program inherits the environment, so it never needs to be passed.
 */
function refuseSecrets(options: TrainerCommandOptions, env: NodeJS.ProcessEnv): void {
  const fields: [string, string][] = [
    ...options.command.map((arg, i): [string, string] => [`command[${i}]`, arg]),
    ...Object.entries(options.env).map(([name, value]): [string, string] => [`env.${name}`, value]),
  ];
  for (const [field, text] of fields) {
    const [name] = envSecretsIn(text, env);
    if (name === undefined) continue;
    throw new TunekitError(
      'OPTION_INVALID',
      `trainer-command: \`${field}\` holds the value of ${name}, which would be written to trainer-state.json and the log`,
      {
        context: {
          field: `train.with.${field}`,
          hint: `leave ${name} in the environment: the program inherits it`,
        },
      },
    );
  }
}

export async function planJob(
  options: TrainerCommandOptions,
  input: TrainerInput,
  runDir: string,
  plugin: PluginEnv,
): Promise<JobPlan> {
  refuseSecrets(options, plugin.env);
  const template = options.config && (await readTemplate(resolve(plugin.baseDir, options.config.template)));
  const jobKey = createHash('sha256')
    .update(
      JSON.stringify({
        dataset: input.datasetHash,
        command: options.command,
        config: template,
        configName: options.config?.name,
        env: options.env,
        base: options.base_model ?? input.baseModel,
        model: options.model,
        epochs: options.epochs,
        output: options.output_dir,
        metrics: options.metrics_file,
        cwd: options.cwd,
      }),
    )
    .digest('hex');
  const jobId = `local-${jobKey.slice(0, 12)}`;
  const jobDir = join(runDir, 'training', jobId);
  const outputDir = options.output_dir ? resolve(runDir, options.output_dir) : join(jobDir, 'output');
  const configPath = options.config && join(jobDir, options.config.name ?? basename(options.config.template));
  const values: PlaceholderValues = {
    train_file: input.trainFile,
    validation_file: input.validationFile,
    output_dir: outputDir,
    base_model: options.base_model ?? input.baseModel,
    model: options.model,
    epochs: options.epochs?.toString(),
    config: configPath,
    run_dir: runDir,
  };
  const argv = options.command.map((arg, i) => fillPlaceholders(arg, values, `command[${i}]`, true));
  const env = Object.fromEntries(
    Object.entries(options.env).map(([name, value]) => [name, fillPlaceholders(value, values, `env.${name}`, true)]),
  );
  const metricsFile =
    options.metrics_file && resolve(runDir, fillPlaceholders(options.metrics_file, values, 'metrics_file', true));
  return {
    jobKey,
    jobId,
    jobDir,
    outputDir,
    argv,
    ...(metricsFile ? { metricsFile } : {}),
    cwd: resolve(plugin.baseDir, options.cwd ?? '.'),
    env,
    ...(configPath && template !== undefined
      ? { config: { path: configPath, text: fillPlaceholders(template, values, 'config.template', false) } }
      : {}),
  };
}

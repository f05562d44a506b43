import { loadPipeline } from '@tunekit/core';
import { println } from '../io.js';
import type { RegisterCommand } from './command.js';

export const registerValidate: RegisterCommand = (program, io) => {
  program
    .command('validate')
    .description('Check a pipeline file (YAML, step ids, options, ${{ }} references) without running it.')
    .argument('<pipeline>', 'pipeline YAML file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, flags: { json?: boolean }) => {
      const pipeline = await loadPipeline(file, { env: io.env });
      const summary = {
        ok: true,
        name: pipeline.config.name,
        sources: pipeline.sources.map((s) => s.use),
        steps: pipeline.steps.map((s) => s.use),
        train: pipeline.train?.use ?? null,
        evaluate: pipeline.evaluate !== undefined,
      };
      if (flags.json) {
        println(io.stdout, JSON.stringify(summary));
        return;
      }
      const parts = [`${summary.sources.length} source(s)`, `${summary.steps.length} step(s)`];
      if (summary.train) parts.push(`train: ${summary.train}`);
      if (summary.evaluate) parts.push('evaluate');
      println(io.stdout, `${file}: ok — ${summary.name}: ${parts.join(', ')}`);
    });
};

import { inspectFile, renderInspectReport } from '@tunekit/format';
import { println } from '../io.js';
import { checkModelFlag } from '../model-flag.js';
import { numberOption } from '../option-values.js';
import type { RegisterCommand } from './command.js';

const DEFAULT_MODEL = 'gpt-4o-mini-2024-07-18';

interface InspectFlags {
  model: string;
  json?: boolean;
  exampleTokenLimit?: string;
  epochs?: string;
}

export const registerInspect: RegisterCommand = (program, io) => {
  program
    .command('inspect')
    .description(
      "Check a JSONL training file as OpenAI's data-preparation notebook does: format errors, token counts, the epoch and cost estimate. Exits 1 when the service would reject the file.",
    )
    .argument('<file>', 'JSONL training file (chat, preference or prompt/completion lines)')
    .option('-m, --model <model>', 'target base model: tokenizer, per-example limit, training price', DEFAULT_MODEL)
    .option('--example-token-limit <tokens>', "override the model's per-example token limit")
    .option('--epochs <n>', "pin the number of epochs instead of the service's default")
    .option('--json', 'print one JSON object')
    .action(async (file: string, flags: InspectFlags) => {
      const exampleTokenLimit = numberOption(flags.exampleTokenLimit, '--example-token-limit', {
        integer: true,
        min: 1,
      });
      const nEpochs = numberOption(flags.epochs, '--epochs', { integer: true, min: 1 });
      checkModelFlag(flags.model, '--model', DEFAULT_MODEL);
      const report = await inspectFile(file, {
        model: flags.model,
        ...(exampleTokenLimit ? { exampleTokenLimit } : {}),
        ...(nEpochs ? { nEpochs } : {}),
      });
      if (flags.json) println(io.stdout, JSON.stringify(report));
      else io.stdout.write(renderInspectReport(report));
      if (Object.keys(report.format_errors).length > 0 || report.file_problems.length > 0) io.exitCode = 1;
    });
};

import { z } from 'zod';
import { PLACEHOLDERS, unknownPlaceholders } from './placeholders.js';

const PLACEHOLDER_LIST = PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ');

/** A string of the command or the environment: every `{{name}}` in it must be a placeholder. */
const withPlaceholders = (text: z.ZodString) =>
  text.superRefine((value, ctx) => {
    for (const name of unknownPlaceholders(value))
      ctx.addIssue({ code: 'custom', message: `unknown placeholder {{${name}}} (known: ${PLACEHOLDER_LIST})` });
  });

export const trainerCommandOptions = z
  .strictObject({
    command: z
      .array(withPlaceholders(z.string().min(1)))
      .min(1)
      .describe(
        'The training program and its arguments, run without a shell (e.g. `[axolotl, train, "{{config}}"]`). Placeholders: {{train_file}}, {{validation_file}}, {{output_dir}}, {{base_model}}, {{model}}, {{epochs}}, {{config}}, {{run_dir}}.',
      ),
    config: z
      .strictObject({
        template: z
          .string()
          .min(1)
          .describe('A config file (relative to the pipeline) whose placeholders are filled in; other `{{…}}` stay.'),
        name: z
          .string()
          .regex(/^[A-Za-z0-9._-]+$/, 'a file name: letters, digits, `.`, `-` and `_`')
          .optional()
          .describe('The file name of the written config (default: the template’s).'),
      })
      .optional()
      .describe('Writes a config for the program into the job folder; `{{config}}` is its path.'),
    model: z
      .string()
      .min(1)
      .describe(
        'The name the serving endpoint gives the trained model (e.g. the LoRA name in `vllm serve --lora-modules`).',
      ),
    provider: z
      .string()
      .optional()
      .describe('The pipeline `providers:` entry that serves the trained model (e.g. `local` for vLLM).'),
    base_model: z
      .string()
      .min(1)
      .optional()
      .describe('The open-weight model trained on (e.g. `Qwen/Qwen2.5-7B-Instruct`); default: the pipeline `model:`.'),
    epochs: z.number().int().min(1).max(50).optional().describe('Epochs, for `{{epochs}}` and the estimate.'),
    output_dir: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Where the program writes checkpoints and the adapter (`{{output_dir}}`): relative to the run folder, or absolute; default `training/<job>/output` in the run folder.',
      ),
    cwd: z
      .string()
      .optional()
      .describe('Working folder of the program (relative to the pipeline; default its folder).'),
    env: z
      .record(
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'),
        withPlaceholders(z.string()),
      )
      .default({})
      .describe(
        'Variables added to the environment of the program (placeholders are filled in). They are kept in trainer-state.json: leave secrets such as HF_TOKEN in your shell, which the program inherits.',
      ),
    metrics_file: withPlaceholders(z.string().min(1))
      .optional()
      .describe(
        'A JSONL log the program writes (e.g. `{{output_dir}}/trainer_log.jsonl` of LLaMA-Factory); its losses are read instead of the printed ones. Relative to the run folder.',
      ),
    usd_per_hour: z
      .number()
      .positive()
      .optional()
      .describe(
        'What an hour of the machine costs (a rented GPU): the training cost is the hours the program ran times this, so the report can say when training pays back.',
      ),
    poll_interval_ms: z.number().int().min(10).default(2_000).describe('How often to read the output while watching.'),
  })
  .describe(
    'Train with a program you run yourself (axolotl, TRL, Unsloth, LLaMA-Factory…); the run re-attaches to it instead of starting it twice.',
  );

export type TrainerCommandOptions = z.output<typeof trainerCommandOptions>;

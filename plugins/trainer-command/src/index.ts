import type { AnyPlugin, TrainerPlugin } from '@tunekit/core';
import { type TrainerCommandOptions, trainerCommandOptions } from './options.js';
import { createCommandTrainer, TRAINER_ID } from './trainer.js';

export type { TrainerCommandOptions } from './options.js';
export { parseMetricLine } from './training-log.js';

export const trainerCommand: TrainerPlugin<TrainerCommandOptions> = {
  specVersion: 'v1',
  kind: 'trainer',
  id: TRAINER_ID,
  description:
    'Train with a program you run yourself (axolotl, TRL, Unsloth, LLaMA-Factory…); a rerun re-attaches to it instead of starting it twice.',
  options: trainerCommandOptions,
  example: `# axolotl on this machine; vLLM serves the adapter as exam-lora (docs/guides/moving-off-openai.md)
providers:
  local: { base_url: "http://127.0.0.1:8000/v1" }
train:
  use: trainer-command
  with:
    command: [axolotl, train, "{{config}}"]
    config: { template: axolotl.yml } # "{{train_file}}", "{{validation_file}}", {{epochs}}, "{{output_dir}}" filled in
    base_model: Qwen/Qwen2.5-7B-Instruct
    epochs: 3
    output_dir: exam-lora
    model: exam-lora
    provider: local
    usd_per_hour: 1.2 # optional: the training cost for the report's pay-back
`,
  create: createCommandTrainer,
  callsModels: () => false,
};

export const plugins: Record<string, AnyPlugin> = { [TRAINER_ID]: trainerCommand };

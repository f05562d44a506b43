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
  create: createCommandTrainer,
  callsModels: () => false,
};

export const plugins: Record<string, AnyPlugin> = { [TRAINER_ID]: trainerCommand };

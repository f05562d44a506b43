import type { AnyPlugin, TrainerPlugin } from '@tunekit/core';
import { type TrainerOpenAIOptions, trainerOpenAIOptions } from './options.js';
import { createOpenAITrainer, TRAINER_ID } from './trainer.js';

export { decodeResultsFile } from './collect-result.js';
export type { TrainerOpenAIOptions } from './options.js';

export const trainerOpenAI: TrainerPlugin<TrainerOpenAIOptions> = {
  specVersion: 'v1',
  kind: 'trainer',
  id: TRAINER_ID,
  description: 'Fine-tune on OpenAI or Azure OpenAI; re-attaches to a job already launched instead of paying twice.',
  options: trainerOpenAIOptions,
  create: createOpenAITrainer,
};

export const plugins: Record<string, AnyPlugin> = { [TRAINER_ID]: trainerOpenAI };
/** The streamed, hash-deduplicated upload (exported for the benchmark). */
export { uploadOnce } from './upload-file.js';

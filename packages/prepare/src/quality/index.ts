import type { StepPlugin } from '@tunekit/core';
import { dedupe } from './dedupe.js';
import { split } from './split.js';

export const plugins: Record<string, StepPlugin> = {
  dedupe,
  split,
};

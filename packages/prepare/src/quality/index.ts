import type { StepPlugin } from '@tunekit/core';
import { dedupe } from './dedupe.js';

export const plugins: Record<string, StepPlugin> = {
  dedupe,
};

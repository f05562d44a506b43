import type { StepPlugin } from '@tunekit/core';
import { writeJsonl } from './write-jsonl.js';

export const plugins: Record<string, StepPlugin> = {
  'write-jsonl': writeJsonl,
};

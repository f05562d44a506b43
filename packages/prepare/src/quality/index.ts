import type { StepPlugin } from '@tunekit/core';
import { dedupe } from './dedupe.js';
import { split } from './split.js';
import { tokenBudget } from './token-budget.js';
import { validate } from './validate.js';

export const plugins: Record<string, StepPlugin> = {
  validate,
  dedupe,
  'token-budget': tokenBudget,
  split,
};

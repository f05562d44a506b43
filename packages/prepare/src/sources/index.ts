import type { StepPlugin } from '@tunekit/core';
import { readJsonl } from './read-jsonl.js';
import { readCsvStep } from './read-csv.js';
import { readJsonStep } from './read-json.js';

export const plugins: Record<string, StepPlugin> = {
  'read-jsonl': readJsonl,
  'read-csv': readCsvStep,
  'read-json': readJsonStep,
};

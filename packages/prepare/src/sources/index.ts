import type { StepPlugin } from '@tunekit/core';
import { readCsvStep } from './read-csv.js';
import { readJsonStep } from './read-json.js';
import { readJsonl } from './read-jsonl.js';
import { readLegalStep } from './read-legal.js';

export const plugins: Record<string, StepPlugin> = {
  'read-jsonl': readJsonl,
  'read-csv': readCsvStep,
  'read-json': readJsonStep,
  'read-legal': readLegalStep,
};

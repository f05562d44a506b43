import { detectFormat, type TrainingFormat } from '@tunekit/format';
import type { ModelTokens } from '../models/model-tokens.js';
import type { ServiceError } from '../store/records.js';
import { firstLineProblem } from './line-problem.js';
import { formatMismatch } from './trainable-model.js';

export const MIN_TRAINING_EXAMPLES = 10;

export interface CheckedFile {
  examples: number;
  /** Tokens of each example by the chat formula (for billing). */
  exampleTokens: number[];
  error: ServiceError | null;
}

/** Parses and validates a JSONL training or validation file the way the service does before a job starts. */
export function checkTrainingFile(
  content: Buffer,
  tokens: ModelTokens,
  param: 'training_file' | 'validation_file',
  format: TrainingFormat,
): CheckedFile {
  const code = param === 'training_file' ? 'invalid_training_file' : 'invalid_validation_file';
  const fail = (message: string): CheckedFile => ({ examples: 0, exampleTokens: [], error: { code, message, param } });
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const exampleTokens: number[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!.trim();
    if (raw === '') continue;
    const lineNumber = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return fail(`Invalid file format. Line ${lineNumber} is not valid JSON.`);
    }
    const found = detectFormat(value);
    if (found !== 'unknown' && found !== format)
      return fail(`Invalid file format. Line ${lineNumber}: ${formatMismatch(format, found)}.`);
    const problem = firstLineProblem(value);
    if (problem) return fail(`Invalid file format. Line ${lineNumber}, ${problem}`);
    exampleTokens.push(tokens.countExample(value).total);
  }
  if (param === 'training_file' && exampleTokens.length < MIN_TRAINING_EXAMPLES) {
    return fail(
      `Training file has ${exampleTokens.length} example(s), but must have at least ${MIN_TRAINING_EXAMPLES} examples`,
    );
  }
  return { examples: exampleTokens.length, exampleTokens, error: null };
}

import type { TrainingFormat } from '../training-line.js';

/** The format of one parsed line, from its top-level keys only (cheap; `validateLine` checks the rest). */
export function detectFormat(line: unknown): TrainingFormat | 'unknown' {
  if (typeof line !== 'object' || line === null || Array.isArray(line)) return 'unknown';
  if ('messages' in line) return 'chat';
  if (
    'input' in line &&
    ('preferred_output' in line || 'preferred_completion' in line || 'non_preferred_output' in line)
  )
    return 'preference';
  if ('prompt' in line || 'completion' in line) return 'completion';
  return 'unknown';
}

import type { DataRecord, StepContext } from '@tunekit/core';
import type { AbsentFieldWatch } from './absent-field-watch.js';
import { BadTurns } from './chat-lines.js';
import { MissingField } from './template.js';

/** Rejects a record a template could not shape (`template_missing_field`, `turns_invalid`); rethrows anything else. */
export function rejectShaping(
  error: unknown,
  record: DataRecord,
  ctx: StepContext,
  watch?: AbsentFieldWatch,
  extra: Record<string, unknown> = {},
): undefined {
  if (error instanceof MissingField) {
    watch?.missed(record, error, ctx.step);
    ctx.reject(record, 'template_missing_field', {
      message: error.message,
      key: error.field,
      line: record.source.line,
      ...extra,
    });
  } else if (error instanceof BadTurns) {
    ctx.reject(record, 'turns_invalid', { message: error.message, line: record.source.line, ...extra });
  } else throw error;
  return undefined;
}

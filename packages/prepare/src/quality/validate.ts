import { type DataRecord, defineStep, type StepContext, TunekitError } from '@tunekit/core';
import {
  checkFile,
  checkModelFormat,
  detectFormat,
  type FormatProblem,
  type FormatProblemCode,
  type TrainingFormat,
  validateLine,
} from '@tunekit/format';
import { z } from 'zod';
import { jsonByteLength } from './text/json-byte-length.js';

export const validateOptions = z
  .object({
    format: z
      .enum(['auto', 'chat', 'preference', 'completion'])
      .default('auto')
      .describe(
        'Expected line format; `auto` takes the format of the first valid line, and lines of another format are rejected.',
      ),
    file_checks: z
      .enum(['warn', 'error'])
      .default('warn')
      .describe(
        'What the file-level rules (a format the model trains on, at least 10 examples, at most 8 GB) do when broken: a warning in the manifest, or a failed run.',
      ),
  })
  .strict();

export type ValidateOptions = z.output<typeof validateOptions>;

function rejectInvalid(record: DataRecord, problems: FormatProblem[], ctx: StepContext): void {
  for (const problem of problems) ctx.count(problem.code);
  const first = problems[0]!;
  const detail = { message: first.message, line: record.source.line, messageIndex: first.messageIndex, key: first.key };
  if (problems.length > 1) Object.assign(detail, { problems: problems.map((p) => p.code) });
  ctx.reject(record, first.code, detail);
}

const FILE_PROBLEM_FIELDS: Partial<Record<FormatProblemCode, string>> = {
  format_not_for_model: 'model',
  too_few_examples: 'examples',
  file_too_large: 'bytes',
};

/** Whether the pipeline's model trains on this format (no answer for a model the catalog does not know). */
async function modelFormatProblem(format: TrainingFormat, ctx: StepContext): Promise<FormatProblem | undefined> {
  try {
    return checkModelFormat(format, await ctx.model());
  } catch (error) {
    if (TunekitError.is(error, 'UNKNOWN_MODEL')) return undefined;
    throw error;
  }
}

/** Rejects lines that break OpenAI's training-file rules; checks the file-level rules once the stream ends. */
async function* validateRecords(
  options: ValidateOptions,
  input: AsyncIterable<DataRecord[]>,
  ctx: StepContext,
): AsyncGenerator<DataRecord[]> {
  let format = options.format === 'auto' ? undefined : options.format;
  let examples = 0;
  let bytes = 0;
  let firstFile: string | undefined;
  for await (const records of input) {
    let valid = 0;
    for (const record of records) {
      firstFile ??= record.source.file;
      const problems = validateLine(record.data, { format });
      if (problems.length > 0) {
        rejectInvalid(record, problems, ctx);
        continue;
      }
      if (!format) {
        const detected = detectFormat(record.data);
        if (detected !== 'unknown') format = detected;
      }
      examples++;
      bytes += jsonByteLength(record.data) + 1;
      records[valid++] = record;
    }
    records.length = valid;
    yield records;
  }
  const wrongFormat = format && (await modelFormatProblem(format, ctx));
  const fileProblems = [...(wrongFormat ? [wrongFormat] : []), ...checkFile({ examples, bytes })];
  ctx.report('file', {
    format: format ?? 'unknown',
    examples,
    bytes,
    problems: fileProblems.map((p) => ({ code: p.code, message: p.message })),
  });
  for (const problem of fileProblems) {
    ctx.count(problem.code);
    if (options.file_checks === 'error') {
      throw new TunekitError('INPUT_INVALID', `dataset check failed: ${problem.message}`, {
        context: { file: firstFile, step: ctx.step, field: FILE_PROBLEM_FIELDS[problem.code] },
      });
    }
    // Count and size stay in the manifest: write-jsonl warns of them for the files as written, after the steps that
    // remove lines. Nothing after this step looks at the format.
    const message = `${ctx.step}: ${problem.message}`;
    if (problem.code === 'format_not_for_model') ctx.logger.warn(message, { code: problem.code });
    else ctx.logger.debug(message, { code: problem.code });
  }
}

export const validate = defineStep({
  id: 'validate',
  role: 'transform',
  description:
    "Rejects lines that break OpenAI's fine-tuning file rules (code, line, message index, key); checks example count and size.",
  options: validateOptions,
  create: (options) => ({ specVersion: 'v1', runBatches: (input, ctx) => validateRecords(options, input, ctx) }),
});

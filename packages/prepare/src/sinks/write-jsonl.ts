import { rm } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { AtomicLineWriter, defineStep, type StepContext, type WrittenFile } from '@tunekit/core';
import { checkFile } from '@tunekit/format';
import { z } from 'zod';

const options = z
  .object({
    dir: z.string().optional().describe('Output folder (default: the run folder).'),
    train: z.string().default('train.jsonl').describe('File name of the training split.'),
    validation: z.string().default('validation.jsonl').describe('File name of the validation split.'),
  })
  .strict();

/**
 * The upload rules (at least 10 training examples, at most 8 GB a file) checked on the files as written: `validate`
 * checks the stream where it stands, and the steps after it (dedupe, token-budget, split) can take a file under them.
 */
function checkWritten(outputs: Record<string, WrittenFile>, ctx: StepContext): void {
  const problems = Object.entries(outputs).flatMap(([role, file]) =>
    checkFile({ examples: file.lines, bytes: file.bytes })
      .filter((problem) => role === 'train' || problem.code !== 'too_few_examples')
      .map((problem) => ({ file: basename(file.path), code: problem.code, message: problem.message })),
  );
  if (problems.length === 0) return;
  ctx.report('file_problems', problems);
  for (const problem of problems) {
    ctx.logger.warn(`${ctx.step}: ${problem.file}: ${problem.message}`, { code: problem.code });
  }
}

/**
 * Writes each record's `data` as one JSON line, routed by `meta.split` (`train` unless a split step said
 * `validation`). Files are written under temporary names and renamed only when the whole stream succeeded.
 */
export const writeJsonl = defineStep({
  id: 'write-jsonl',
  role: 'transform',
  description: 'Writes train.jsonl and validation.jsonl atomically (routed by the split step).',
  options,
  create(opts) {
    return {
      specVersion: 'v1',
      async *runBatches(input, ctx) {
        const dir =
          opts.dir === undefined ? ctx.runDir : isAbsolute(opts.dir) ? opts.dir : resolve(ctx.baseDir, opts.dir);
        const writers = {
          train: new AtomicLineWriter(join(dir, opts.train)),
          validation: new AtomicLineWriter(join(dir, opts.validation)),
        };
        let validationLines = 0;
        let committed = false;
        try {
          for await (const records of input) {
            for (const record of records) {
              const isValidation = record.meta.split === 'validation';
              if (isValidation) validationLines++;
              const pending = (isValidation ? writers.validation : writers.train).writeJson(record.data);
              if (pending) await pending;
            }
            yield records;
          }
          const outputs: Record<string, WrittenFile> = { train: await writers.train.commit() };
          if (validationLines > 0) outputs.validation = await writers.validation.commit();
          else {
            await writers.validation.abort();
            await rm(writers.validation.path, { force: true });
          }
          committed = true;
          ctx.report('outputs', outputs);
          checkWritten(outputs, ctx);
        } finally {
          if (!committed) await Promise.all([writers.train.abort(), writers.validation.abort()]);
        }
      },
    };
  },
});

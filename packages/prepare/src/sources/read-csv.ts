import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type DataRecord, defineStep, recordId, type StepContext } from '@tunekit/core';
import type { CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { z } from 'zod';
import { detectDelimiter } from './csv/detect-delimiter.js';
import { NumberedParser, type NumberedRow } from './csv/numbered-parser.js';
import { type BrokenRecord, QuoteGuard } from './csv/quote-guard.js';
import { readableBatches } from './csv/readable-batches.js';
import { DecodeWatch } from './decode-watch.js';
import { resolveInputFile } from './input-path.js';
import { rowReject } from './row-reject.js';
import { checkEncodingOption, detectEncoding, encodingName, readSample, toUtf8Bytes } from './text-encoding.js';

const options = z
  .object({
    path: z.string().min(1).describe('CSV or TSV file, relative to the pipeline file'),
    header: z.boolean().default(true).describe('The first row names the columns'),
    columns: z
      .array(z.string().min(1))
      .optional()
      .describe('Column names (replace the header row, or name headerless rows)'),
    delimiter: z
      .string()
      .length(1)
      .optional()
      .describe('Field delimiter; detected (comma, tab, semicolon) when absent'),
    encoding: encodingName().optional().describe('utf-8, utf-16le, gbk, gb18030, ...; detected when absent'),
    max_field_length: z.number().int().positive().default(100_000).describe('Rows with a longer field are rejected'),
  })
  .strict();

type ReadCsvOptions = z.output<typeof options>;

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, index) => {
    const name = raw.trim() || `col${index + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

/** `recordId({ file, line })` for the lines of one file, without deriving the file's base name again for each row. */
function recordIds(file: string): (line: number) => string {
  const base = recordId({ file });
  return (line) => `${base}:${line}`;
}

/** The first problem of a parsed row, if any (`decoded`: false when the row's bytes are not valid text). */
function rowProblem(
  fields: string[],
  width: number,
  maxLength: number,
  decoded: boolean,
): { code: string; message: string } | undefined {
  if (fields.length !== width) {
    return { code: 'csv_column_count', message: `expected ${width} fields, got ${fields.length}` };
  }
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    if (field.length > maxLength) {
      return {
        code: 'csv_field_too_long',
        message: `field ${i + 1} has ${field.length} characters (limit ${maxLength})`,
      };
    }
    // The first field with U+FFFD: the row's bytes are checked, not each field's.
    if (!decoded && field.includes('\uFFFD')) {
      return { code: 'csv_encoding', message: `field ${i + 1} is not valid text in the file's encoding` };
    }
  }
  return undefined;
}

async function* readCsv(opts: ReadCsvOptions, ctx: StepContext): AsyncGenerator<DataRecord[]> {
  const file = opts.path;
  const absolute = await resolveInputFile(ctx.baseDir, file, ctx.step);
  const sample = await readSample(absolute);
  const encoding = opts.encoding ? checkEncodingOption(opts.encoding, ctx.step) : detectEncoding(sample);
  const delimiter = opts.delimiter ?? detectDelimiter(iconv.decode(sample, encoding), basename(file));
  ctx.report('dialect', { encoding, delimiter });

  const onBroken = (broken: BrokenRecord) =>
    ctx.reject(rowReject(file, broken.line, { raw: broken.text }), 'csv_quote', {
      message: broken.reason,
      line: broken.line,
    });
  const guard = new QuoteGuard(delimiter, opts.max_field_length, onBroken);
  async function* guarded(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      const bytes = guard.push(chunk);
      if (bytes.length > 0) yield bytes;
    }
    const rest = guard.end();
    if (rest.length > 0) yield rest;
  }
  const parser = new NumberedParser(
    {
      delimiter, // the byte stage already stripped any BOM
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        const line = Number(error?.lines ?? 0) || undefined;
        ctx.reject(rowReject(file, line ?? 0, {}), 'csv_syntax', { message: error?.message ?? 'unparsable row', line });
      },
    },
    () => guard.carriageReturnLines,
  );
  const done = pipeline(createReadStream(absolute), toUtf8Bytes(encoding), guarded, parser, { signal: ctx.signal });
  done.catch(() => undefined); // surfaced through the iteration below

  let names = opts.columns && !opts.header ? uniqueNames(opts.columns) : undefined;
  const watch = new DecodeWatch(file, absolute, encoding, ctx.step);
  const idOf = recordIds(file);
  for await (const rows of readableBatches<NumberedRow>(parser)) {
    const records: DataRecord[] = [];
    for (const { fields, line, lastLine } of rows) {
      // A row that does not decode is rejected below (csv_encoding); a file in another encoding stops the run here.
      const decoded =
        watch.clean(fields.join('')) ||
        (await watch.decoded({ first: line, last: lastLine, lineBreak: guard.carriageReturnLines ? '\r' : '\n' }));
      if (!names) {
        const given = opts.columns ?? (opts.header ? fields : fields.map((_, i) => `col${i + 1}`));
        names = uniqueNames(given);
        const renamed = names.filter((name, i) => name !== given[i]!.trim());
        if (renamed.length > 0) {
          ctx.logger.warn(
            `${ctx.step}: ${file}: columns without a name or with a repeated one are named ${renamed.join(', ')}`,
          );
          ctx.report('renamed_columns', renamed);
        }
        if (opts.header) continue;
      }
      const problem = rowProblem(fields, names.length, opts.max_field_length, decoded);
      if (problem) {
        ctx.reject(rowReject(file, line, { fields }), problem.code, { message: problem.message, line });
        continue;
      }
      const data: Record<string, string> = {};
      for (let i = 0; i < names.length; i++) data[names[i] as string] = fields[i] as string;
      records.push({ id: idOf(line), source: { file, line }, data, meta: {} });
    }
    yield records;
  }
  await done;
}

export const readCsvStep = defineStep({
  id: 'read-csv',
  role: 'source',
  description: 'Reads a CSV/TSV file row by row (header or given columns, detected delimiter and encoding).',
  options,
  create: (opts) => ({ specVersion: 'v1', runBatches: (_input, ctx) => readCsv(opts, ctx) }),
});

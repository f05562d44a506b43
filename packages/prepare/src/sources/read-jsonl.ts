import { type DataRecord, defineStep, recordId, TunekitError } from '@tunekit/core';
import { z } from 'zod';
import { DecodeWatch } from './decode-watch.js';
import { resolveInputFile } from './input-path.js';
import { checkEncodingOption, detectEncoding, encodingName, readSample } from './text-encoding.js';
import { readTextLines } from './text-lines.js';

const options = z
  .object({
    path: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .describe('A JSONL file, or a list of them, relative to the pipeline file.'),
    encoding: encodingName()
      .optional()
      .describe('utf-8, utf-16le, gbk, gb18030, ...; detected for each file when absent'),
  })
  .strict();

/**
 * Reads JSON Lines: one record per non-blank line; a line that is not JSON goes to rejects with its number. Files in
 * UTF-16 or a legacy Chinese encoding (GBK, GB18030) are decoded like read-csv's.
 */
export const readJsonl = defineStep({
  id: 'read-jsonl',
  role: 'source',
  description: 'Reads JSON Lines files, one record per line; a bad line is rejected with its line number.',
  options,
  create(opts) {
    const paths = Array.isArray(opts.path) ? opts.path : [opts.path];
    return {
      specVersion: 'v1',
      async *run(_input, ctx) {
        const given = opts.encoding ? checkEncodingOption(opts.encoding, ctx.step) : undefined;
        const encodings: Record<string, string> = {};
        const listed = new Map<string, string>();
        for (const path of paths) {
          const absolute = await resolveInputFile(ctx.baseDir, path, ctx.step);
          const first = listed.get(absolute);
          if (first !== undefined) {
            throw new TunekitError('CONFIG_INVALID', `${path} is listed twice in path (first as ${first})`, {
              context: { file: path, step: ctx.step, field: 'path' },
            });
          }
          listed.set(absolute, path);
          const encoding = given ?? detectEncoding(await readSample(absolute));
          encodings[path] = encoding;
          ctx.report('encodings', encodings);
          const watch = new DecodeWatch(path, absolute, encoding, ctx.step);
          for await (const { line, text, lineBreak } of readTextLines(absolute, encoding)) {
            if (text.trim() === '') {
              ctx.count('blank_lines');
              continue;
            }
            const source = { file: path, line };
            // Bytes the decoder could not read became U+FFFD; the line's text is not what the file meant (read-csv
            // rejects such fields the same way). A U+FFFD in the data is text.
            if (!watch.clean(text) && !(await watch.decoded({ first: line, lineBreak }))) {
              ctx.reject({ id: recordId(source), source, data: text, meta: {} }, 'invalid_encoding', {
                message: `line ${line} is not valid ${encoding} text`,
                line,
              });
              continue;
            }
            let data: unknown;
            try {
              data = JSON.parse(text);
            } catch (error) {
              const record: DataRecord = { id: recordId(source), source, data: text, meta: {} };
              ctx.reject(record, 'invalid_json', {
                message: `line ${line} is not valid JSON: ${(error as Error).message}`,
                line,
              });
              continue;
            }
            yield { id: recordId(source), source, data, meta: {} };
          }
        }
      },
    };
  },
});

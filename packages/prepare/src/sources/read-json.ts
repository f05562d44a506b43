import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { type DataRecord, defineStep, recordId, type StepContext, TunekitError } from '@tunekit/core';
import { pick } from 'stream-json/filters/pick.js';
import { parser } from 'stream-json/index.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { z } from 'zod';
import { resolveInputFile } from './input-path.js';
import { rowReject } from './row-reject.js';
import { checkEncodingOption, decoderFor, detectEncoding, readSample } from './text-encoding.js';

const options = z
  .object({
    path: z.string().min(1).describe('JSON file holding an array, relative to the pipeline file'),
    at: z.string().min(1).optional().describe('Dotted path of the array inside the document, e.g. data.items'),
    encoding: z.string().optional().describe('Text encoding; detected when absent'),
  })
  .strict();

type ReadJsonOptions = z.output<typeof options>;

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error as { name?: string })?.name === 'AbortError';
}

async function* readJson(opts: ReadJsonOptions, ctx: StepContext): AsyncGenerator<DataRecord> {
  const file = opts.path;
  const absolute = await resolveInputFile(ctx.baseDir, file, ctx.step);
  const encoding = opts.encoding
    ? checkEncodingOption(opts.encoding, ctx.step)
    : detectEncoding(await readSample(absolute));
  let lines = 1;
  async function* countLines(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
    for await (const chunk of chunks) {
      const text = String(chunk);
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
      yield text;
    }
  }
  const elements = streamArray.asStream();
  const signal = ctx.signal;
  const input = createReadStream(absolute);
  const done = opts.at
    ? pipeline(
        input,
        decoderFor(encoding),
        countLines,
        parser.asStream(),
        pick.asStream({ filter: opts.at }),
        elements,
        { signal },
      )
    : pipeline(input, decoderFor(encoding), countLines, parser.asStream(), elements, { signal });
  done.catch(() => undefined); // surfaced through the iteration below

  let index = 0;
  try {
    for await (const { value } of elements as AsyncIterable<{ key: number; value: unknown }>) {
      const source = { file };
      const id = recordId(source, index);
      index++;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        ctx.reject({ id, source, data: value, meta: { index: index - 1 } }, 'json_not_object', {
          message: `element ${index - 1} is ${Array.isArray(value) ? 'an array' : typeof value}, not an object`,
        });
        continue;
      }
      yield { id, source, data: value, meta: { index: index - 1 } };
    }
    await done;
  } catch (error) {
    if (isAbort(error, ctx.signal) || TunekitError.is(error)) throw error;
    const message = (error as Error).message ?? String(error);
    if (/should be an array/i.test(message)) {
      throw new TunekitError('INPUT_INVALID', `expected an array${opts.at ? ` at "${opts.at}"` : ''}: ${message}`, {
        context: { file, step: ctx.step, field: opts.at ? 'at' : 'path' },
      });
    }
    // A truncated or malformed document: keep what was read, reject the rest as one row at the line it broke.
    ctx.reject(rowReject(file, lines, { afterElement: index }), 'json_syntax', {
      message: `${message} (after ${index} elements)`,
      line: lines,
    });
  }
}

export const readJsonStep = defineStep({
  id: 'read-json',
  role: 'source',
  description: 'Streams the elements of a JSON array (top level or at a dotted path) as records.',
  options,
  create: (opts) => ({ specVersion: 'v1', run: (_input, ctx) => readJson(opts, ctx) }),
});

import { createReadStream } from 'node:fs';
import {
  type DataRecord,
  defineStep,
  recordId,
  type SourceLocation,
  type StepContext,
  TunekitError,
} from '@tunekit/core';
import { z } from 'zod';
import { DecodeWatch } from './decode-watch.js';
import { resolveInputFile } from './input-path.js';
import {
  type ByteUnits,
  type ElementEvent,
  JsonArrayReader,
  type ReaderEvent,
  type SyntaxEvent,
} from './json-array-reader.js';
import { checkEncodingOption, decodeChunks, detectEncoding, encodingName, readSample } from './text-encoding.js';

const options = z
  .object({
    path: z.string().min(1).describe('JSON file holding an array, relative to the pipeline file'),
    at: z.string().min(1).optional().describe('Dotted path of the array inside the document, e.g. data.items'),
    encoding: encodingName().optional().describe('Text encoding; detected when absent'),
  })
  .strict();

type ReadJsonOptions = z.output<typeof options>;

const CHUNK_BYTES = 64 * 1024; // larger chunks make every joined buffer a large-object allocation: slower

/** Byte offsets are given for UTF-8 and UTF-16 files, whose characters map to bytes without re-encoding. */
function byteUnits(encoding: string, sample: Buffer): { units: ByteUnits; bom: number } {
  const name = encoding.toLowerCase().replace(/[-_]/g, '');
  if (name === 'utf8') {
    return { units: 'utf8', bom: sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? 3 : 0 };
  }
  if (name === 'utf16le' || name === 'utf16be' || name === 'utf16' || name === 'ucs2') {
    const bom = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
    return { units: 'utf16', bom: bom ? 2 : 0 };
  }
  return { units: 'none', bom: 0 };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function location(file: string, line: number, offset: number | undefined): SourceLocation {
  return offset === undefined ? { file, line } : { file, line, offset };
}

function syntaxMessage(event: SyntaxEvent): string {
  const where = `line ${event.line}, column ${event.column}${event.offset === undefined ? '' : ` (byte ${event.offset})`}`;
  const read = `${event.elements} element${event.elements === 1 ? '' : 's'}`;
  let rest: string;
  if (event.where === 'before') rest = 'the rest of the file was not read (no element read)';
  else if (event.where === 'after') rest = `the rest of the file was not read (the array had ended: all ${read} read)`;
  else if (event.element) {
    rest = `element ${event.element.index} (line ${event.element.line}) and the rest of the file were not read (${read} read before it)`;
  } else rest = `the rest of the file was not read (${read} read before it)`;
  return `JSON syntax error at ${where}: ${event.message}; ${rest}`;
}

async function* readJson(opts: ReadJsonOptions, ctx: StepContext): AsyncGenerator<DataRecord> {
  const file = opts.path;
  const absolute = await resolveInputFile(ctx.baseDir, file, ctx.step);
  const sample = await readSample(absolute);
  const encoding = opts.encoding ? checkEncodingOption(opts.encoding, ctx.step) : detectEncoding(sample);
  const { units, bom } = byteUnits(encoding, sample);
  const reader = new JsonArrayReader(opts.at, units, bom);
  const watch = new DecodeWatch(file, absolute, encoding, ctx.step);
  const chunks = createReadStream(absolute, { signal: ctx.signal, highWaterMark: CHUNK_BYTES });

  /** Handles one event: a record to yield, or undefined; `done` when reading stops. */
  const handle = (event: ReaderEvent): DataRecord | 'done' | undefined => {
    switch (event.kind) {
      case 'element': {
        const source = location(file, event.line, event.offset);
        // Ids stay `<file>#<index>` (stable whatever the layout of the file); the source gives line and offset.
        const record: DataRecord = {
          id: recordId({ file }, event.index),
          source,
          data: event.value,
          meta: { index: event.index },
        };
        const value = event.value;
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) return record;
        ctx.reject(record, 'json_not_object', {
          message: `element ${event.index} (line ${event.line}) is ${describe(value)}, not an object`,
          line: event.line,
        });
        return undefined;
      }
      case 'syntax': {
        // A malformed or truncated document: every element before the error was read; the rest is one reject.
        const source = location(file, event.line, event.offset);
        const detail = { message: syntaxMessage(event), line: event.line, column: event.column };
        ctx.reject(
          { id: recordId(source), source, data: { afterElement: event.elements, near: event.near }, meta: {} },
          'json_syntax',
          event.offset === undefined ? detail : { ...detail, offset: event.offset },
        );
        return 'done';
      }
      case 'path':
        throw new TunekitError('INPUT_INVALID', event.message, {
          context: { file, step: ctx.step, field: opts.at ? 'at' : 'path' },
        });
      case 'end':
        return 'done';
    }
  };

  /** False for an element holding bytes the decoder could not read (rejected); throws for a file in another encoding. */
  const decoded = async (event: ElementEvent): Promise<boolean> => {
    if (watch.clean(event.text) || (await watch.decoded({ first: event.line, last: event.lastLine }))) return true;
    const source = location(file, event.line, event.offset);
    ctx.reject(
      { id: recordId({ file }, event.index), source, data: event.text, meta: { index: event.index } },
      'invalid_encoding',
      {
        message: `element ${event.index} (line ${event.line}) is not valid ${encoding} text`,
        line: event.line,
      },
    );
    return false;
  };

  // The file's text, then `undefined` for its end.
  async function* texts(): AsyncGenerator<string | undefined> {
    yield* decodeChunks(chunks, encoding);
    yield undefined;
  }
  try {
    for await (const text of texts()) {
      if (text === undefined) reader.end();
      else reader.push(text);
      for (let event = reader.next(); event; event = reader.next()) {
        if (event.kind === 'element' && !(await decoded(event))) continue;
        const out = handle(event);
        if (out === 'done') return;
        if (out) yield out;
      }
    }
  } finally {
    chunks.destroy();
  }
}

export const readJsonStep = defineStep({
  id: 'read-json',
  role: 'source',
  description: 'Streams the elements of a JSON array (top level or at a dotted path) as records.',
  options,
  create: (opts) => ({ specVersion: 'v1', run: (_input, ctx) => readJson(opts, ctx) }),
});

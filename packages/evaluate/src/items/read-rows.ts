import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { TunekitError } from '@tunekit/core';
import { parse } from 'csv-parse';

export interface SourceRow {
  line: number;
  value: unknown;
}

async function* jsonLines(path: string): AsyncGenerator<SourceRow> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (trimmed === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (cause) {
      throw new TunekitError('INPUT_INVALID', `line is not valid JSON: ${(cause as Error).message}`, {
        cause,
        context: { file: path, line },
      });
    }
    yield { line, value };
  }
}

async function* delimited(path: string, delimiter: string): AsyncGenerator<SourceRow> {
  const parser = parse({
    columns: true,
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  });
  const done = pipeline(createReadStream(path), parser);
  let finished = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      yield { line: info.lines, value: record };
    }
    finished = true;
    await done;
  } catch (cause) {
    if (TunekitError.is(cause)) throw cause;
    throw new TunekitError('INPUT_INVALID', `cannot parse: ${(cause as Error).message}`, {
      cause,
      context: { file: path },
    });
  } finally {
    if (!finished) {
      parser.destroy();
      await done.catch(() => undefined);
    }
  }
}

/** A JSON array of objects (small files: read whole). */
async function* jsonArray(path: string): AsyncGenerator<SourceRow> {
  let value: unknown;
  try {
    value = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new TunekitError('INPUT_INVALID', `not valid JSON: ${(cause as Error).message}`, {
      cause,
      context: { file: path },
    });
  }
  if (!Array.isArray(value))
    throw new TunekitError('INPUT_INVALID', 'a .json items file must hold an array', { context: { file: path } });
  for (const [i, row] of value.entries()) yield { line: i + 1, value: row };
}

/** Rows of a JSONL, JSON, CSV or TSV file, streamed (JSON arrays excepted). */
export function readRows(path: string): AsyncGenerator<SourceRow> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return delimited(path, ',');
  if (lower.endsWith('.tsv')) return delimited(path, '\t');
  if (lower.endsWith('.json')) return jsonArray(path);
  return jsonLines(path);
}

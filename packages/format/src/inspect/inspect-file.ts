import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { TunekitError } from '@tunekit/core';
import { getModelInfo } from '../catalog/get-model-info.js';
import type { ModelOverrides } from '../catalog/model-info.js';
import { createModelContext } from '../model-context.js';
import { InvalidUtf8Lines } from '../text/invalid-utf8-lines.js';
import { type FormatProblem, formatProblem } from '../validate/problem-codes.js';
import { InspectAccumulator } from './inspect-accumulator.js';
import type { InspectReport } from './inspect-report.js';
import { readFailure } from './read-failure.js';

export interface InspectOptions {
  model: string;
  /** Overrides the model's per-example token limit (the notebook's MAX_TOKENS_PER_EXAMPLE). */
  exampleTokenLimit?: number;
  /** Pins the number of epochs instead of the service's default for the dataset size. */
  nEpochs?: number;
  prices?: ModelOverrides;
}

const BOM_MESSAGE = 'the file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM';

/**
 * Streams a JSONL training file line by line and reports what the data-preparation notebook reports.
 * A file whose first non-blank line is not a JSON object is not JSONL: INPUT_INVALID naming file and line.
 */
export async function inspectFile(path: string, options: InspectOptions): Promise<InspectReport> {
  try {
    return await inspectReadable(path, options);
  } catch (error) {
    throw readFailure(error, path);
  }
}

async function inspectReadable(path: string, options: InspectOptions): Promise<InspectReport> {
  const bytes = await fileSize(path);
  const utf16Bom = isUtf16Bom(await assertNotBinary(path));
  const model = await createModelContext({
    model: options.model,
    ...(options.prices ? { prices: options.prices } : {}),
    ...(options.exampleTokenLimit ? { exampleTokenLimit: options.exampleTokenLimit } : {}),
  });
  const accumulator = new InspectAccumulator(model);
  // Read as UTF-8 below, a GBK file still parses (its text garbled): the bytes are checked alongside.
  const invalidUtf8 = new InvalidUtf8Lines(path).firstFrom(1);
  invalidUtf8.catch(() => undefined);
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNumber = 0;
  let first = true;
  let bom: FormatProblem[] = [];
  for await (const raw of lines) {
    lineNumber += 1;
    // The service reads the mark as part of the first line, which then is not JSON; the rest is checked without it.
    if (lineNumber === 1 && raw.startsWith('\uFEFF')) bom = [formatProblem('utf8_bom', BOM_MESSAGE)];
    const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim().length === 0) continue;
    if (first) assertJsonObjectLine(text, path, lineNumber, utf16Bom);
    accumulator.addLine(text, lineNumber, lineNumber === 1 ? bom : []);
    first = false;
  }
  const report = accumulator.report({ path, bytes }, options.nEpochs);
  const info = getModelInfo(options.model, options.prices ?? {});
  if (info.retires) report.retires = { model: info.catalogId, ...info.retires };
  const badLine = await invalidUtf8;
  if (badLine !== undefined) {
    const message = `line ${badLine} is not valid UTF-8, the only encoding the service reads (read-jsonl in a pipeline decodes GBK, GB18030 and UTF-16 files into UTF-8)`;
    report.file_problems.unshift(formatProblem('not_utf8', message));
  }
  return report;
}

async function fileSize(path: string): Promise<number> {
  const info = await stat(path);
  const what = info.isDirectory() ? 'is a folder, not a file' : 'is not a regular file (inspect reads it twice)';
  if (!info.isFile()) throw new TunekitError('INPUT_INVALID', what, { context: { file: path } });
  return info.size;
}

/** Magic numbers of the files most often given where JSONL is expected, with what to do instead. */
const SIGNATURES: { magic: Buffer; what: string; todo: string }[] = [
  { magic: Buffer.from([0x1f, 0x8b]), what: 'a gzip archive', todo: 'decompress it first (gunzip -k)' },
  { magic: Buffer.from('PK\x03\x04', 'latin1'), what: 'a zip archive', todo: 'extract the JSONL file from it first' },
  { magic: Buffer.from('PK\x05\x06', 'latin1'), what: 'an empty zip archive', todo: 'extract the JSONL file first' },
  { magic: Buffer.from('BZh', 'latin1'), what: 'a bzip2 archive', todo: 'decompress it first (bunzip2 -k)' },
  {
    magic: Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]),
    what: 'an xz archive',
    todo: 'decompress it first (unxz -k)',
  },
  { magic: Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), what: 'a zstd archive', todo: 'decompress it first (unzstd)' },
  {
    magic: Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]),
    what: 'a 7z archive',
    todo: 'extract the JSONL file first',
  },
  { magic: Buffer.from('%PDF', 'latin1'), what: 'a PDF document', todo: 'convert it to JSONL first' },
  { magic: Buffer.from('PAR1', 'latin1'), what: 'a Parquet file', todo: 'convert it to JSONL first' },
  {
    magic: Buffer.from('SQLite format 3\0', 'latin1'),
    what: 'an SQLite database',
    todo: 'export the rows as JSONL first',
  },
];

const HEAD_BYTES = 4096;

/**
 * Looks at the first bytes: a compressed archive, a PDF or another binary file is named as such (INPUT_INVALID),
 * rather than read as text and called UTF-16 or "not JSON". UTF-16 text (NULs on one side of each byte pair) is
 * left to the line check, which says so. Returns the bytes it looked at.
 */
async function assertNotBinary(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const known = SIGNATURES.find((s) => head.subarray(0, s.magic.length).equals(s.magic));
  const what = known?.what ?? (isNulHeavy(head) ? 'a binary file' : undefined);
  if (what === undefined) return head;
  throw new TunekitError('INPUT_INVALID', `is ${what}, not JSONL: ${known?.todo ?? 'training files are UTF-8 text'}`, {
    context: { file: path, hint: 'inspect reads one JSON training example per line' },
  });
}

function isUtf16Bom(head: Buffer): boolean {
  return head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
}

/** More than 1 in 100 bytes are NUL, and not in the pattern of UTF-16 text (a BOM, or NULs on one side only). */
function isNulHeavy(head: Buffer): boolean {
  if (isUtf16Bom(head)) return false;
  const nuls = [0, 0];
  for (let i = 0; i < head.length; i++) if (head[i] === 0) nuls[i & 1]! += 1;
  const [even, odd] = nuls as [number, number];
  if (even + odd <= head.length / 100) return false;
  const utf16 = Math.min(even, odd) <= (even + odd) / 20;
  return !utf16;
}

/**
 * `utf16Bom`: the file starts with a UTF-16 byte order mark, told from its bytes: read as UTF-8 it becomes two U+FFFD,
 * which a UTF-8 line may also start with.
 */
function assertJsonObjectLine(text: string, path: string, line: number, utf16Bom: boolean): void {
  // UTF-16 read as UTF-8: ASCII comes with NULs between.
  if (utf16Bom || text.includes('\u0000')) {
    throw notJsonl(path, line, 'the file looks like UTF-16 text; training files must be UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = text.trimStart().startsWith('[')
      ? 'it is not JSON (a file that is one JSON array is not JSONL: read it with read-json in a pipeline)'
      : 'it is not JSON';
    throw notJsonl(path, line, why, error);
  }
  if (Array.isArray(value)) throw notJsonl(path, line, 'it is a JSON array, not an object');
  if (typeof value !== 'object' || value === null) throw notJsonl(path, line, 'it is not a JSON object');
}

function notJsonl(path: string, line: number, why: string, cause?: unknown): TunekitError {
  return new TunekitError('INPUT_INVALID', `not a JSONL file: line ${line} must be one JSON object, but ${why}`, {
    ...(cause ? { cause } : {}),
    context: { file: path, line, hint: 'inspect reads one JSON training example per line' },
  });
}

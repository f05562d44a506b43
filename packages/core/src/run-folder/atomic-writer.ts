import { createHash, type Hash } from 'node:crypto';
import { type FileHandle, mkdir, open, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { encodeJson, type JsonSink } from './json-encoder.js';
import { renameInto } from './rename-into.js';

const CHUNK = 256 * 1024;
/** The most UTF-8 bytes one UTF-16 code unit can take. */
const MAX_BYTES_PER_UNIT = 3;

export interface WrittenFile {
  path: string;
  lines: number;
  bytes: number;
  sha256: string;
}

/**
 * Writes lines to a temporary name beside the target and renames it on commit, so a crash never leaves a half file
 * under a final name. Lines are encoded straight into reused 256 KiB buffers (no joined strings, no buffer per
 * chunk), written strictly in order; the promise `write` returns when a chunk goes out is the backpressure.
 */
export class AtomicLineWriter {
  readonly path: string;
  private readonly temporary: string;
  private handle: Promise<FileHandle> | undefined;
  private pending: Promise<void> = Promise.resolve();
  private readonly spare: Buffer[] = [];
  private readonly hash: Hash = createHash('sha256');
  private lines = 0;
  private bytes = 0;
  /** The buffer being filled; `flushed` is the write a line set off, if any (the backpressure `write` returns). */
  private readonly chunk: JsonSink & { flushed?: Promise<void> } = {
    buffer: Buffer.allocUnsafe(CHUNK),
    offset: 0,
    reserve: (bytes) => {
      if (this.chunk.offset + bytes > CHUNK) this.chunk.flushed = this.flush();
    },
    large: (text) => {
      this.flush();
      this.chunk.flushed = this.send(Buffer.from(text, 'utf8'));
    },
  };

  constructor(path: string) {
    this.path = path;
    this.temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  }

  private open(): Promise<FileHandle> {
    this.handle ??= mkdir(dirname(this.path), { recursive: true }).then(() => open(this.temporary, 'w'));
    return this.handle;
  }

  /** Adds one line (without its newline). Returns a promise only when a chunk is being written (backpressure). */
  write(line: string): Promise<void> | undefined {
    this.lines++;
    const chunk = this.chunk;
    chunk.flushed = undefined;
    const room = line.length * MAX_BYTES_PER_UNIT + 1;
    if (room > CHUNK) {
      chunk.large(`${line}\n`);
      return chunk.flushed;
    }
    chunk.reserve(room);
    chunk.offset += chunk.buffer.write(line, chunk.offset, 'utf8');
    chunk.buffer[chunk.offset++] = 0x0a;
    return chunk.flushed;
  }

  /**
   * Adds one line, `JSON.stringify(value)`, encoded straight into the buffer (`encodeJson`: the same bytes, no
   * string built). Returns a promise only when a chunk is being written (backpressure).
   */
  writeJson(value: unknown): Promise<void> | undefined {
    this.lines++;
    const chunk = this.chunk;
    chunk.flushed = undefined;
    if (!encodeJson(chunk, value)) {
      chunk.reserve(4);
      chunk.offset += chunk.buffer.write('null', chunk.offset, 'latin1');
    }
    chunk.reserve(1);
    chunk.buffer[chunk.offset++] = 0x0a;
    return chunk.flushed;
  }

  /** Hands the filled part of the buffer to the write queue and continues in a spare one. */
  private flush(): Promise<void> {
    const chunk = this.chunk;
    if (chunk.offset === 0) return this.pending;
    const full = chunk.buffer;
    const sent = this.send(full.subarray(0, chunk.offset), full);
    chunk.buffer = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK);
    chunk.offset = 0;
    return sent;
  }

  private send(chunk: Buffer, reusable?: Buffer): Promise<void> {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.pending = this.pending.then(async () => {
      const handle = await this.open();
      await handle.write(chunk);
      if (reusable) this.spare.push(reusable);
    });
    return this.pending;
  }

  async commit(): Promise<WrittenFile> {
    await this.flush();
    const handle = await this.open();
    await handle.close();
    await renameInto(this.temporary, this.path);
    return { path: this.path, lines: this.lines, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  async abort(): Promise<void> {
    this.chunk.offset = 0;
    if (this.handle) {
      await this.pending.catch(() => undefined);
      await (await this.handle).close().catch(() => undefined);
      await rm(this.temporary, { force: true });
    }
  }
}

/** Writes a whole file atomically (temporary name, then rename). */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  try {
    await writeFile(temporary, content);
    await renameInto(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

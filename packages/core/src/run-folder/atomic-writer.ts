import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const CHUNK = 64 * 1024;

export interface WrittenFile {
  path: string;
  lines: number;
  bytes: number;
  sha256: string;
}

/**
 * Writes lines to a temporary name beside the target and renames it on commit, so a crash never leaves a half file
 * under a final name. Lines are gathered into 64 KiB chunks; backpressure is honoured.
 */
export class AtomicLineWriter {
  readonly path: string;
  private readonly temporary: string;
  private stream: Promise<WriteStream> | undefined;
  private pending: Promise<void> = Promise.resolve();
  private buffer: string[] = [];
  private buffered = 0;
  private readonly hash: Hash = createHash('sha256');
  private lines = 0;
  private bytes = 0;

  constructor(path: string) {
    this.path = path;
    this.temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  }

  private open(): Promise<WriteStream> {
    this.stream ??= mkdir(dirname(this.path), { recursive: true }).then(() => createWriteStream(this.temporary));
    return this.stream;
  }

  /** Adds one line (without its newline). Returns a promise only when a chunk is being flushed (backpressure). */
  write(line: string): Promise<void> | undefined {
    this.buffer.push(line);
    this.buffered += line.length + 1;
    this.lines++;
    return this.buffered >= CHUNK ? this.flush() : undefined;
  }

  /** Chunks are written strictly in order, one after the other. */
  private flush(): Promise<void> {
    if (this.buffer.length === 0) return this.pending;
    const bytes = Buffer.from(`${this.buffer.join('\n')}\n`, 'utf8');
    this.buffer = [];
    this.buffered = 0;
    this.hash.update(bytes);
    this.bytes += bytes.length;
    this.pending = this.pending.then(async () => {
      const stream = await this.open();
      if (!stream.write(bytes)) await once(stream, 'drain');
    });
    return this.pending;
  }

  async commit(): Promise<WrittenFile> {
    await this.flush();
    const stream = await this.open();
    await new Promise<void>((resolve, reject) =>
      stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    await rename(this.temporary, this.path);
    return { path: this.path, lines: this.lines, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  async abort(): Promise<void> {
    this.buffer = [];
    if (this.stream) {
      await this.pending.catch(() => undefined);
      (await this.stream).destroy();
      await rm(this.temporary, { force: true });
    }
  }
}

/** Writes a whole file atomically (temporary name, then rename). */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  await writeFile(temporary, content);
  await rename(temporary, path);
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

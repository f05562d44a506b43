import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where uploaded bytes live: memory, or one file per id under `dataDir/files/`. */
export interface FileContents {
  write(id: string, source: Readable): Promise<number>;
  put(id: string, content: Buffer): Promise<void>;
  read(id: string): Promise<Buffer>;
  /** Stores the contents of `sources`, in order, under `id` (an upload's parts); returns their size and md5. */
  join(id: string, sources: string[]): Promise<{ bytes: number; md5: string }>;
  delete(id: string): Promise<void>;
}

export function memoryContents(): FileContents {
  const contents = new Map<string, Buffer>();
  return {
    async write(id, source) {
      const chunks: Buffer[] = [];
      for await (const chunk of source as AsyncIterable<Buffer>) chunks.push(chunk);
      const content = Buffer.concat(chunks);
      contents.set(id, content);
      return content.length;
    },
    async put(id, content) {
      contents.set(id, content);
    },
    async read(id) {
      return contents.get(id) ?? Buffer.alloc(0);
    },
    async join(id, sources) {
      const content = Buffer.concat(sources.map((source) => contents.get(source) ?? Buffer.alloc(0)));
      contents.set(id, content);
      return { bytes: content.length, md5: createHash('md5').update(content).digest('hex') };
    },
    async delete(id) {
      contents.delete(id);
    },
  };
}

export function diskContents(dataDir: string): FileContents {
  const dir = join(dataDir, 'files');
  const ready = mkdir(dir, { recursive: true });
  const pathOf = (id: string) => join(dir, id.replace(/[^A-Za-z0-9_-]/g, '_'));
  return {
    async write(id, source) {
      await ready;
      let bytes = 0;
      source.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      await pipeline(source, createWriteStream(pathOf(id)));
      return bytes;
    },
    async put(id, content) {
      await ready;
      await pipeline(
        async function* () {
          yield content;
        },
        createWriteStream(pathOf(id)),
      );
    },
    async read(id) {
      return readFile(pathOf(id));
    },
    async join(id, sources) {
      await ready;
      const md5 = createHash('md5');
      let bytes = 0;
      async function* parts() {
        for (const source of sources) {
          for await (const chunk of createReadStream(pathOf(source), { highWaterMark: 1 << 20 })) {
            md5.update(chunk as Buffer);
            bytes += (chunk as Buffer).length;
            yield chunk as Buffer;
          }
        }
      }
      await pipeline(parts, createWriteStream(pathOf(id)));
      return { bytes, md5: md5.digest('hex') };
    },
    async delete(id) {
      await rm(pathOf(id), { force: true });
    },
  };
}

import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where uploaded bytes live: memory, or one file per id under `dataDir/files/`. */
export interface FileContents {
  write(id: string, source: Readable): Promise<number>;
  put(id: string, content: Buffer): Promise<void>;
  read(id: string): Promise<Buffer>;
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
    async delete(id) {
      await rm(pathOf(id), { force: true });
    },
  };
}

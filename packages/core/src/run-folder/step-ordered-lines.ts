import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AtomicLineWriter, type WrittenFile } from './atomic-writer.js';

/**
 * One file that several steps of a chain write lines to (rejects.jsonl, duplicates.jsonl), laid out in the chain's
 * step order whatever order the lines arrive in. Steps run concurrently, and with worker threads their interleaving
 * depends on timing; the order within one step does not. So each step writes a part of its own, and `commit` joins
 * the parts in step order: the file is byte-identical whatever the number of workers.
 */
export class StepOrderedLines {
  private readonly parts = new Map<number, AtomicLineWriter>();

  /** `rank(step)` is the step's position in the chain (an unknown step goes after all known ones). */
  constructor(
    readonly path: string,
    private readonly rank: (step: string) => number,
  ) {}

  writeJson(step: string, value: unknown): Promise<void> | undefined {
    const rank = this.rank(step);
    let part = this.parts.get(rank);
    if (!part) {
      part = new AtomicLineWriter(join(dirname(this.path), `.${basename(this.path)}.step-${rank}.${process.pid}`));
      this.parts.set(rank, part);
    }
    return part.writeJson(value);
  }

  async commit(): Promise<WrittenFile> {
    const ordered = [...this.parts].sort(([a], [b]) => a - b).map(([, part]) => part);
    const written = await Promise.all(ordered.map((part) => part.commit()));
    if (written.length <= 1) {
      // One step wrote (the usual case) or none: its part is the file.
      const only = written[0] ?? (await new AtomicLineWriter(this.path).commit());
      if (only.path !== this.path) await rename(only.path, this.path);
      return { ...only, path: this.path };
    }
    return joinParts(this.path, written);
  }

  async abort(): Promise<void> {
    await Promise.all([...this.parts.values()].map((part) => part.abort()));
    await Promise.all([...this.parts.values()].map((part) => rm(part.path, { force: true })));
  }
}

/** Streams committed parts, in order, into `path` (temporary name, then rename) and removes them. */
async function joinParts(path: string, parts: WrittenFile[]): Promise<WrittenFile> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const hash = createHash('sha256');
  const out = await open(temporary, 'w');
  try {
    for (const part of parts) {
      for await (const chunk of createReadStream(part.path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        await out.write(chunk);
      }
    }
  } finally {
    await out.close();
  }
  await rename(temporary, path);
  await Promise.all(parts.map((part) => rm(part.path, { force: true })));
  return {
    path,
    lines: parts.reduce((sum, part) => sum + part.lines, 0),
    bytes: parts.reduce((sum, part) => sum + part.bytes, 0),
    sha256: hash.digest('hex'),
  };
}

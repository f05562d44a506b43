import { type FileHandle, open } from 'node:fs/promises';

/**
 * An append-only JSONL writer: each line goes to the OS as soon as the previous write returns (lines that queue up
 * meanwhile are written together), so a SIGKILL loses at most the lines still queued, never a written one.
 */
export class AppendLog {
  private queue: string[] = [];
  private flushing: Promise<void> | undefined;
  private failure: unknown;

  private constructor(private readonly handle: FileHandle) {}

  /** In `a` mode a torn last line (a killed run) is ended first, so the next line is not glued onto it and lost. */
  static async open(path: string, mode: 'a' | 'w' = 'a'): Promise<AppendLog> {
    const handle = await open(path, mode === 'a' ? 'a+' : 'w');
    try {
      const { size } = await handle.stat();
      if (mode === 'a' && size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) await handle.write('\n');
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new AppendLog(handle);
  }

  append(value: unknown): void {
    if (this.failure) throw this.failure;
    this.queue.push(`${JSON.stringify(value)}\n`);
    this.flushing ??= this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const chunk = this.queue.join('');
        this.queue = [];
        await this.handle.write(chunk);
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.flushing = undefined;
    }
  }

  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
  }
}

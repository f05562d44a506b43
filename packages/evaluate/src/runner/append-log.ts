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

  static async open(path: string, mode: 'a' | 'w' = 'a'): Promise<AppendLog> {
    return new AppendLog(await open(path, mode));
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

import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

const CHUNK = 1 << 20;
/**
 * A line longer than this is no metric: only its end is kept, so a program that never ends a line (or a log larger
 * than a string can hold) is read in bounded memory.
 */
const LONGEST_LINE = 1 << 16;
const LINE_END = /\r\n|\r|\n/;

/**
 * Reads a growing file from where the last read stopped and passes on the complete lines added since. Progress bars
 * redraw with `\r`, so a carriage return ends a line too; an unfinished last line waits for the next read.
 */
export class FileTail {
  private offset = 0;
  private partial = '';
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly path: string) {}

  /** Passes each complete line added since the last read to `take`, in order. */
  async read(take: (line: string) => void): Promise<void> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        const lines = (this.partial + this.decoder.write(buffer.subarray(0, bytesRead))).split(LINE_END);
        this.partial = (lines.pop() ?? '').slice(-LONGEST_LINE);
        for (const line of lines) take(line);
      }
    } finally {
      await handle.close();
    }
  }

  /** The unfinished last line, once the file is known to be complete. */
  rest(): string[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return rest === '' ? [] : [rest];
  }
}

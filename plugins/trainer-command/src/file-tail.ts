import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

const CHUNK = 1 << 16;

/**
 * Reads a growing file from where the last read stopped and returns the complete lines added since. Progress bars
 * redraw with `\r`, so a carriage return ends a line too; an unfinished last line waits for the next read.
 */
export class FileTail {
  private offset = 0;
  private partial = '';
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly path: string) {}

  async lines(): Promise<string[]> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    let text = this.partial;
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        text += this.decoder.write(buffer.subarray(0, bytesRead));
      }
    } finally {
      await handle.close();
    }
    const lines = text.split(/\r\n|\r|\n/);
    this.partial = lines.pop() ?? '';
    return lines;
  }

  /** The unfinished last line, once the file is known to be complete. */
  rest(): string[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return rest === '' ? [] : [rest];
  }
}

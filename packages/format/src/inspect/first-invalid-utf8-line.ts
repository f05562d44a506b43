import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

/** The 1-based number of the first line of `bytes` that is not UTF-8 (bytes hold whole lines). */
function badLineIn(bytes: Buffer, firstLine: number): number {
  let line = firstLine;
  let start = 0;
  for (let end = bytes.indexOf(NEWLINE); ; end = bytes.indexOf(NEWLINE, start)) {
    const stop = end === -1 ? bytes.length : end;
    if (!isUtf8(bytes.subarray(start, stop))) return line;
    if (end === -1) return line;
    line++;
    start = end + 1;
  }
}

/**
 * The first line of a file that is not valid UTF-8, or undefined. Whole lines are checked a megabyte at a time with
 * Node's native validator; only a failing stretch is looked at line by line.
 */
export async function firstInvalidUtf8Line(path: string): Promise<number | undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let carried = Buffer.alloc(0);
    let line = 1;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      const bytes = bytesRead === 0 ? carried : Buffer.concat([carried, buffer.subarray(0, bytesRead)]);
      // Whole lines only, so that a character cut by the read is not taken for an invalid one.
      const cut = bytesRead === 0 ? bytes.length : bytes.lastIndexOf(NEWLINE) + 1;
      const whole = bytes.subarray(0, cut);
      if (!isUtf8(whole)) return badLineIn(whole, line);
      for (let at = whole.indexOf(NEWLINE); at !== -1; at = whole.indexOf(NEWLINE, at + 1)) line++;
      if (bytesRead === 0) return undefined;
      carried = Buffer.from(bytes.subarray(cut));
    }
  } finally {
    await handle.close();
  }
}

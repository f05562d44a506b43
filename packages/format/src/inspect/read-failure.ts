import { TunekitError } from '@tunekit/core';

const WHY: Record<string, string> = {
  ENOENT: 'file not found',
  ENOTDIR: 'file not found (a folder on its path is a file)',
  EACCES: 'cannot read it: permission denied',
  EPERM: 'cannot read it: operation not permitted',
  EISDIR: 'is a folder, not a file',
  ELOOP: 'cannot read it: too many symbolic links',
  EIO: 'cannot read it: input/output error',
};

/**
 * A file system error while reading the file to inspect, as one line naming the file (exit 2): missing, a folder,
 * no permission. TunekitErrors and anything that is not a system error pass through.
 */
export function readFailure(error: unknown, path: string): unknown {
  if (TunekitError.is(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  const why = WHY[code] ?? `cannot read it (${code})`;
  return new TunekitError(code === 'ENOENT' || code === 'ENOTDIR' ? 'INPUT_NOT_FOUND' : 'INPUT_INVALID', why, {
    cause: error,
    context: { file: path },
  });
}

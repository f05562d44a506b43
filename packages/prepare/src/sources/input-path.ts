import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { TunekitError } from '@tunekit/core';

/** Resolves a `path` option against the pipeline folder and checks that it is a readable file. */
export async function resolveInputFile(baseDir: string, path: string, step: string, field = 'path'): Promise<string> {
  const absolute = isAbsolute(path) ? path : resolve(baseDir, path);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) {
    throw new TunekitError('INPUT_NOT_FOUND', `input file not found: ${path}`, {
      context: { file: path, step, field, hint: `resolved to ${absolute}` },
    });
  }
  if (!info.isFile()) {
    throw new TunekitError('INPUT_INVALID', `input is not a file: ${path}`, { context: { file: path, step, field } });
  }
  return absolute;
}

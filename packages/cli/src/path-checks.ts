import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { TunekitError } from '@tunekit/core';

/**
 * Checks of the paths a command reads or writes, made before any work, so a user's mistake is one line (exit 2)
 * instead of an EEXIST, EISDIR or ENOTDIR from deep inside, and nothing is half written.
 */

async function statOf(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw denied(error, path);
  }
}

function denied(error: unknown, path: string): TunekitError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
  return new TunekitError('USAGE', `cannot use this path: ${why}`, { cause: error, context: { file: path } });
}

/** The path itself or the nearest folder above it that exists, with what it is. */
async function nearestExisting(path: string): Promise<{ path: string; info: Stats } | undefined> {
  for (let current = path; ; current = dirname(current)) {
    const info = await statOf(current);
    if (info) return { path: current, info };
    if (dirname(current) === current) return undefined;
  }
}

function underAFile(file: string, label: string, path: string, hint?: string): TunekitError {
  return new TunekitError('USAGE', `is a file, not a folder, so ${label} ${path} cannot be created under it`, {
    context: { file, ...(hint ? { hint } : {}) },
  });
}

/**
 * `path` is a folder, or can be created as one: neither it nor any folder above it is a file. Creates nothing.
 * `label` names it in the message (`--out`, or "the run folder" when the user did not name it).
 */
export async function checkFolderTarget(path: string, label: string, hint?: string): Promise<void> {
  const target = resolve(path);
  const existing = await nearestExisting(target);
  if (!existing || existing.info.isDirectory()) return;
  if (existing.path !== target) throw underAFile(existing.path, label, path, hint);
  throw new TunekitError('USAGE', `is a file, not a folder (${label})`, {
    context: { file: path, ...(hint ? { hint } : {}) },
  });
}

/**
 * `path` can be written as a file: it is not a folder (nor a device), its folder can be created, and an existing
 * file is replaced only with `force`.
 */
export async function checkFileTarget(path: string, flag: string, options: { force?: boolean } = {}): Promise<void> {
  const info = await statOf(resolve(path));
  if (info?.isDirectory()) {
    throw new TunekitError('USAGE', `is a folder: ${flag} names the file to write`, {
      context: { file: path, field: flag },
    });
  }
  if (info && !info.isFile()) {
    throw new TunekitError('USAGE', `not a regular file: ${flag} names the file to write`, {
      context: { file: path, field: flag },
    });
  }
  if (info && !options.force) {
    throw new TunekitError('USAGE', 'already exists', {
      context: { file: path, field: flag, hint: 'pass --force to overwrite it' },
    });
  }
  if (info) return;
  const above = await nearestExisting(dirname(resolve(path)));
  if (above && !above.info.isDirectory()) throw underAFile(above.path, flag, path);
}

/** `path` exists and is not a folder (a pipe or `/dev/stdin` is fine): INPUT_NOT_FOUND, INPUT_INVALID. */
export async function checkInputFile(path: string, flag: string): Promise<void> {
  const info = await statOf(resolve(path));
  if (!info) throw new TunekitError('INPUT_NOT_FOUND', 'no such file', { context: { file: path, field: flag } });
  if (info.isDirectory())
    throw new TunekitError('INPUT_INVALID', `is a folder: ${flag} names a file`, {
      context: { file: path, field: flag },
    });
}

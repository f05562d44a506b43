import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { TunekitError } from '@tunekit/core';
import { glob, isDynamicPattern } from 'tinyglobby';

export const LEGAL_EXTENSIONS = ['md', 'markdown', 'txt', 'html', 'htm'];

/** A document to read: its absolute path and the name shown in records (relative to the pipeline folder). */
export interface LegalFile {
  absolute: string;
  name: string;
}

/** Expands files, folders (their legal documents, recursively) and globs; each entry must match something. */
export async function listLegalFiles(baseDir: string, entries: string[], step: string): Promise<LegalFile[]> {
  const found = new Map<string, LegalFile>();
  const add = (absolute: string) => {
    // As the pipeline names it, `../data/x.md` included: an absolute name would differ from machine to machine
    // (and show the user's folders in every record id). Only another drive has no relative name.
    const rel = relative(baseDir, absolute);
    found.set(absolute, { absolute, name: isAbsolute(rel) ? absolute : rel.replaceAll('\\', '/') });
  };
  for (const entry of entries) {
    const absolute = isAbsolute(entry) ? entry : resolve(baseDir, entry);
    const info = await stat(absolute).catch(() => undefined);
    let matches: string[];
    if (info?.isFile()) matches = [absolute];
    else if (info?.isDirectory()) {
      matches = await glob(`**/*.{${LEGAL_EXTENSIONS.join(',')}}`, { cwd: absolute, absolute: true });
    } else if (isDynamicPattern(entry)) {
      matches = await glob(entry, { cwd: baseDir, absolute: true, onlyFiles: true });
    } else matches = [];
    if (matches.length === 0) {
      throw new TunekitError('INPUT_NOT_FOUND', `no legal documents found at ${entry}`, {
        context: { file: entry, step, field: 'path', hint: `looked for .${LEGAL_EXTENSIONS.join('/.')} files` },
      });
    }
    for (const match of matches) add(match);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

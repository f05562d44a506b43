import { mkdir, readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { TunekitError, writeFileAtomic } from '@tunekit/core';
import { GENERATED_MARK, referencePages } from '../docs/reference-pages.js';
import { println } from '../io.js';
import { checkFolderTarget } from '../path-checks.js';
import type { RegisterCommand } from './command.js';

export const REFERENCE_DIR = 'docs/reference';

async function listMarkdown(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? listMarkdown(join(dir, e.name), `${prefix}${e.name}/`)
        : Promise.resolve(e.name.endsWith('.md') ? [`${prefix}${e.name}`] : []),
    ),
  );
  return nested.flat();
}

/** Paths (under the reference folder) whose committed text differs from the generated one, or that should not exist. */
export async function staleReferencePages(dir = REFERENCE_DIR): Promise<string[]> {
  const pages = await referencePages();
  const stale: string[] = [];
  for (const p of pages) {
    const current = await readFile(join(dir, p.path), 'utf8').catch(() => undefined);
    if (current !== p.text) stale.push(p.path);
  }
  const expected = new Set(pages.map((p) => p.path));
  for (const existing of await listMarkdown(dir)) if (!expected.has(existing)) stale.push(existing);
  return stale;
}

/**
 * Before `--write` renders the pages into `dir`: refuses when the folder holds Markdown that this command did not
 * write (it never deletes a folder or a user's file), then removes the generated pages that are no longer generated.
 */
async function removeGeneratedPages(dir: string, expected: Set<string>): Promise<void> {
  await checkFolderTarget(dir, '--write');
  const existing = await listMarkdown(dir);
  const generated = new Set<string>();
  for (const path of existing) {
    const text = await readFile(join(dir, path), 'utf8').catch(() => '');
    if (text.startsWith(GENERATED_MARK)) generated.add(path);
  }
  const foreign = existing.filter((path) => !generated.has(path));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, and ${foreign.length - 3} more` : '');
    throw new TunekitError('USAGE', `holds pages that tunekit docs did not write (${shown}): not overwriting them`, {
      context: { file: dir, field: '--write', hint: 'write into an empty folder, or move those files away' },
    });
  }
  for (const path of generated) {
    if (expected.has(path)) continue;
    await rm(join(dir, path), { force: true });
    await rmdir(dirname(join(dir, path))).catch(() => undefined);
  }
}

export const registerDocs: RegisterCommand = (program, io) => {
  program
    .command('docs')
    .description("Generate the reference pages of docs/reference from the plugins' schemas.")
    .option('--write [dir]', `write them (default ${REFERENCE_DIR})`)
    .option('--check [dir]', 'exit 1 when the committed pages are stale')
    .action(async (flags: { write?: string | boolean; check?: string | boolean }) => {
      if (flags.check) {
        const dir = resolve(typeof flags.check === 'string' ? flags.check : REFERENCE_DIR);
        const stale = await staleReferencePages(dir);
        if (stale.length)
          throw new TunekitError(
            'GATE_FAILED',
            `stale reference pages: ${stale.join(', ')} — run \`tunekit docs --write\``,
          );
        println(io.stdout, `${dir}: up to date`);
        return;
      }
      const dir = resolve(typeof flags.write === 'string' ? flags.write : REFERENCE_DIR);
      if (!flags.write) {
        for (const p of await referencePages()) println(io.stdout, p.path);
        return;
      }
      const pages = await referencePages();
      await removeGeneratedPages(dir, new Set(pages.map((p) => p.path)));
      for (const p of pages) {
        await mkdir(dirname(join(dir, p.path)), { recursive: true });
        await writeFileAtomic(join(dir, p.path), p.text);
      }
      println(io.stdout, `wrote ${pages.length} pages to ${dir}`);
    });
};

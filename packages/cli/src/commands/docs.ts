import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { TunekitError, writeFileAtomic } from '@tunekit/core';
import { referencePages } from '../docs/reference-pages.js';
import { println } from '../io.js';
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
      await rm(dir, { recursive: true, force: true });
      const pages = await referencePages();
      for (const p of pages) {
        await mkdir(dirname(join(dir, p.path)), { recursive: true });
        await writeFileAtomic(join(dir, p.path), p.text);
      }
      println(io.stdout, `wrote ${pages.length} pages to ${dir}`);
    });
};

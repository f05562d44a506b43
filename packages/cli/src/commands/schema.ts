import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildPipelineJsonSchema, TunekitError, writeFileAtomic } from '@tunekit/core';
import { println } from '../io.js';
import { checkFileTarget } from '../path-checks.js';
import type { RegisterCommand } from './command.js';

export const SCHEMA_PATH = 'schema/pipeline.schema.json';

export async function renderPipelineSchema(): Promise<string> {
  return `${JSON.stringify(await buildPipelineJsonSchema(), null, 2)}\n`;
}

export const registerSchema: RegisterCommand = (program, io) => {
  program
    .command('schema')
    .description('Print the JSON Schema of pipeline files (for editors: `# yaml-language-server: $schema=...`).')
    .option('--write [file]', `write it to a file (default ${SCHEMA_PATH})`)
    .option('--check [file]', 'exit 1 if the committed schema file is stale')
    .action(async (flags: { write?: string | boolean; check?: string | boolean }) => {
      const text = await renderPipelineSchema();
      if (flags.check) {
        const path = resolve(typeof flags.check === 'string' ? flags.check : SCHEMA_PATH);
        const current = await readFile(path, 'utf8').catch(() => '');
        if (current !== text) throw new TunekitError('GATE_FAILED', `${path} is stale: run \`npm run schema\``);
        println(io.stdout, `${path}: up to date`);
        return;
      }
      if (flags.write) {
        const path = resolve(typeof flags.write === 'string' ? flags.write : SCHEMA_PATH);
        // The schema file is regenerated in place: replacing it is the point, but never a folder.
        await checkFileTarget(path, '--write', { force: true });
        await writeFileAtomic(path, text);
        println(io.stdout, `wrote ${path}`);
        return;
      }
      io.stdout.write(text);
    });
};

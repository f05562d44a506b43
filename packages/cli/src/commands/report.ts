import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { TunekitError } from '@tunekit/core';
import { loadReportData, REPORT_FORMATS, type ReportFormat, readItemRows, writeReports } from '@tunekit/evaluate';
import { println } from '../io.js';
import type { RegisterCommand } from './command.js';

function parseFormats(value: string): ReportFormat[] {
  const formats = value
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  for (const format of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new TunekitError('USAGE', `unknown report format "${format}"`, {
        context: { field: '--format', hint: `use ${REPORT_FORMATS.join(', ')}` },
      });
    }
  }
  return formats as ReportFormat[];
}

/**
 * The run folder a user named: the folder itself, or its report.json (what a user who has just seen the file names);
 * a path that does not exist is said as such, not as a folder without report.json.
 */
async function runFolderOf(path: string): Promise<string> {
  const absolute = resolve(path);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) {
    throw new TunekitError('USAGE', `${path}: no such run folder`, {
      context: { hint: 'give the run folder, e.g. runs/my-pipeline' },
    });
  }
  if (info.isDirectory()) return absolute;
  if (basename(absolute) === 'report.json') return dirname(absolute);
  throw new TunekitError('USAGE', `${path}: is a file, not a run folder`, {
    context: { hint: 'give the run folder that holds report.json, e.g. runs/my-pipeline' },
  });
}

export const registerReport: RegisterCommand = (program, io) => {
  program
    .command('report')
    .description('Render the evaluation reports of a run folder again from its report.json.')
    .argument('<run-dir>', 'run folder holding report.json (e.g. runs/my-pipeline), or that report.json')
    .option('--format <list>', 'comma-separated: html, md, json, junit', 'html,md,junit')
    .action(async (runDir: string, flags: { format: string }) => {
      const formats = parseFormats(flags.format);
      const dir = await runFolderOf(runDir);
      const data = await loadReportData(dir);
      const itemsFile = isAbsolute(data.items.file) ? data.items.file : join(dir, data.items.file);
      const hasItems = await stat(itemsFile).then(
        (info) => !info.isDirectory(),
        () => false,
      );
      if (formats.includes('html') && !hasItems)
        println(
          io.stderr,
          `tunekit: ${relative(process.cwd(), itemsFile)} is missing: the page will have no item rows`,
        );
      const written = await writeReports({ dir, data, formats, rows: () => (hasItems ? readItemRows(itemsFile) : []) });
      for (const file of written) println(io.stdout, `wrote ${relative(process.cwd(), file) || file}`);
    });
};

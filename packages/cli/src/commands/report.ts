import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
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

export const registerReport: RegisterCommand = (program, io) => {
  program
    .command('report')
    .description('Render the evaluation reports of a run folder again from its report.json.')
    .argument('<run-dir>', 'run folder holding report.json (e.g. runs/my-pipeline)')
    .option('--format <list>', 'comma-separated: html, md, json, junit', 'html,md,junit')
    .action(async (runDir: string, flags: { format: string }) => {
      const formats = parseFormats(flags.format);
      const dir = resolve(runDir);
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

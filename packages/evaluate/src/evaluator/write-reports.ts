import { join } from 'node:path';
import type { EvaluateOptions } from '../options.js';
import { readItemRows } from '../report/item-rows.js';
import type { ReportData } from '../report/report-data.js';
import { writeReports as renderReports } from '../report/write-reports.js';

/** Writes the reports asked for; report.json always (`tunekit report` renders the others again from it). */
export async function writeReports(
  runDir: string,
  data: ReportData,
  formats: EvaluateOptions['report'],
): Promise<string[]> {
  const wanted = formats.includes('json') ? formats : [...formats, 'json' as const];
  return renderReports({ dir: runDir, data, formats: wanted, rows: () => readItemRows(join(runDir, data.items.file)) });
}

import { join } from 'node:path';
import { writeJsonAtomic } from '@tunekit/core';
import type { EvaluateOptions } from '../options.js';
import type { ReportData } from '../report/report-data.js';

/**
 * Writes the reports asked for. report.json is always written (`tunekit report` renders the others from it).
 * TODO(reports): html, md and junit come from the report renderers once they land (see NOTES-for-reports.md).
 */
export async function writeReports(
  runDir: string,
  data: ReportData,
  _formats: EvaluateOptions['report'],
): Promise<string[]> {
  const json = join(runDir, 'report.json');
  await writeJsonAtomic(json, data);
  return [json];
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TunekitError } from '@tunekit/core';
import { REPORT_FORMAT_VERSION, type ReportData } from './report-data.js';
import { asReportData, describeIssue, fieldPath, reportDataSchema } from './report-schema.js';

/**
 * Reads `report.json` from a run folder and checks its shape (what the renderers read), with one-line errors naming
 * the file and the field.
 */
export async function loadReportData(runDir: string): Promise<ReportData> {
  const file = join(runDir, 'report.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new TunekitError(
      'INPUT_NOT_FOUND',
      'no report.json in this folder (run `tunekit run` with an evaluate section first)',
      {
        context: { file },
      },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TunekitError('RUN_FOLDER_INVALID', `report.json is not valid JSON: ${(error as Error).message}`, {
      context: { file },
    });
  }
  const version =
    typeof data === 'object' && data !== null ? (data as { formatVersion?: unknown }).formatVersion : undefined;
  if (version !== REPORT_FORMAT_VERSION) {
    throw new TunekitError(
      'RUN_FOLDER_INVALID',
      `report.json is not a tunekit report of format ${REPORT_FORMAT_VERSION}`,
      {
        context: { file, field: 'formatVersion' },
      },
    );
  }
  const checked = reportDataSchema.safeParse(data);
  if (!checked.success) {
    const [first, ...others] = checked.error.issues;
    const more = others.length ? ` (and ${others.length} more problem${others.length === 1 ? '' : 's'})` : '';
    throw new TunekitError('RUN_FOLDER_INVALID', `damaged report: ${describeIssue(first!, data)}${more}`, {
      context: {
        file,
        field: fieldPath(first!.path),
        hint: 'run the evaluation again to rewrite it (tunekit run <pipeline> --only evaluate)',
      },
    });
  }
  return asReportData(checked.data);
}

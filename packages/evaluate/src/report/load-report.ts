import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TunekitError } from '@tunekit/core';
import { REPORT_FORMAT_VERSION, type ReportData } from './report-data.js';

/** Reads `report.json` from a run folder, with one-line errors naming the file. */
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
  let data: ReportData;
  try {
    data = JSON.parse(text) as ReportData;
  } catch (error) {
    throw new TunekitError('RUN_FOLDER_INVALID', `report.json is not valid JSON: ${(error as Error).message}`, {
      context: { file },
    });
  }
  if (data?.formatVersion !== REPORT_FORMAT_VERSION || !data.meta || !Array.isArray(data.candidates)) {
    throw new TunekitError(
      'RUN_FOLDER_INVALID',
      `report.json is not a tunekit report of format ${REPORT_FORMAT_VERSION}`,
      {
        context: { file, field: 'formatVersion' },
      },
    );
  }
  return data;
}

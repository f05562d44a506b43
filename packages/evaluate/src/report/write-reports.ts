import { join } from 'node:path';
import { writeFileAtomic as writeAtomic } from '@tunekit/core';
import { renderHtml } from './html/render-html.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import type { ItemRow, ReportData } from './report-data.js';

export const REPORT_FORMATS = ['json', 'md', 'html', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_FILES: Record<ReportFormat, string> = {
  json: 'report.json',
  md: 'report.md',
  html: 'report.html',
  junit: 'junit.xml',
};

/**
 * Writes the chosen reports into `dir` (the run folder) and returns their paths. `rows` is called only when a
 * renderer needs the per-item rows (html), so the JSONL is read once, streaming.
 */
export async function writeReports(input: {
  dir: string;
  data: ReportData;
  formats: readonly ReportFormat[];
  rows: () => AsyncIterable<ItemRow> | Iterable<ItemRow>;
  maxHtmlItems?: number;
}): Promise<string[]> {
  const written: string[] = [];
  for (const format of REPORT_FORMATS) {
    if (!input.formats.includes(format)) continue;
    const file = join(input.dir, REPORT_FILES[format]);
    if (format === 'json') await writeAtomic(file, `${JSON.stringify(input.data, null, 2)}\n`);
    if (format === 'md') await writeAtomic(file, renderMarkdown(input.data));
    if (format === 'junit') await writeAtomic(file, renderJunit(input.data));
    if (format === 'html')
      await writeAtomic(
        file,
        await renderHtml(
          input.data,
          input.rows(),
          input.maxHtmlItems === undefined ? {} : { maxItems: input.maxHtmlItems },
        ),
      );
    written.push(file);
  }
  return written;
}

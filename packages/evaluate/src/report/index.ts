export { escapeHtml, escapeMarkdown, escapeXml, jsonForScript, stripControl } from './escape.js';
export { contentSecurityPolicy, type HtmlOptions, renderHtml } from './html/render-html.js';
export { candidatesDisagree, readItemRows, rowHasError } from './item-rows.js';
export { loadReportData } from './load-report.js';
export { renderJunit } from './render-junit.js';
export { renderMarkdown } from './render-markdown.js';
export * from './report-data.js';
export { buildVerdict, type Verdict } from './verdict.js';
export { REPORT_FILES, REPORT_FORMATS, type ReportFormat, writeReports } from './write-reports.js';

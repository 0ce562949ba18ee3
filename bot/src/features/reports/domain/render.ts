import { sessionCsv, yearCsv } from './render-csv';
import { sessionHtml, yearHtml } from './render-html';
import { sessionMarkdown, yearMarkdown } from './render-markdown';
import type { Label } from './labels';
import type { Report } from './report-model';

export const REPORT_FORMATS = ['md', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

export function isReportFormat(text: string): text is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(text);
}

/** One report in one format. */
export function renderReport(t: Label, lang: string, report: Report, format: ReportFormat): string {
  if (report.kind === 'session') return format === 'md' ? sessionMarkdown(t, report) : format === 'csv' ? sessionCsv(report) : sessionHtml(t, lang, report);
  return format === 'md' ? yearMarkdown(t, report) : format === 'csv' ? yearCsv(report) : yearHtml(t, lang, report);
}

/** Every output format of a report, with what a download needs: the body, its media type and a file name. */
import type { OutputReport } from '../suppression.ts';
import { toCsv } from './csv.ts';
import { toDocx } from './docx.ts';
import { fileNameOf } from './format.ts';
import { toHtml } from './html.ts';
import { toJsonText } from './json.ts';
import { toXlsx } from './xlsx.ts';

export const FORMATS = ['json', 'csv', 'xlsx', 'docx', 'html'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export const isReportFormat = (value: unknown): value is ReportFormat => typeof value === 'string' && (FORMATS as readonly string[]).includes(value);

export const FORMAT_LABELS: Record<ReportFormat, string> = {
  json: 'JSON (for other systems)',
  csv: 'CSV (spreadsheet-ready text)',
  xlsx: 'Excel workbook (XLSX)',
  docx: 'Word committee report (DOCX)',
  html: 'Web page to print or save (HTML)',
};

const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

/** Whether the format is text a terminal can show. */
export const isTextFormat = (format: ReportFormat) => format !== 'xlsx' && format !== 'docx';

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export async function renderReport(report: OutputReport, format: ReportFormat): Promise<RenderedReport> {
  const body = await renderBody(report, format);
  return { body, contentType: CONTENT_TYPES[format], fileName: fileNameOf(report, format) };
}

async function renderBody(report: OutputReport, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(toJsonText(report), 'utf8');
    case 'csv':
      return Buffer.from(toCsv(report), 'utf8');
    case 'xlsx':
      return toXlsx(report);
    case 'docx':
      return toDocx(report);
    case 'html':
      return Buffer.from(await toHtml(report), 'utf8');
  }
}

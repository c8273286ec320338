/**
 * How values are written, in one place (metrics.md "Conventions"): printed tables (HTML, DOCX, the web page)
 * give whole percentages and counts with thousands separators; machine output (JSON, CSV, XLSX cells) gives
 * counts as plain numbers and percentages to one decimal place. Ratios and age ranges are text ("49:50",
 * "14-17"); a suppressed cell is its mark ("<5", "[c]") everywhere.
 */
import { DateTime } from 'luxon';
import type { MeasureKind, Period, ReportRow, Value } from '../framework.ts';
import type { OutputReport } from '../suppression.ts';
import { roundHalfUp } from '../measures.ts';

/** What an empty cell says in print: a figure that cannot be given (e.g. no incidents, so no peak age). */
export const NOT_AVAILABLE = 'none';

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** A value for a printed table. */
export function printedValue(kind: MeasureKind, value: Value): string {
  if (value === null) return NOT_AVAILABLE;
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'percent':
      return `${roundHalfUp(value)}%`;
    case 'age':
      return String(Math.trunc(value));
    default:
      return NUMBER.format(value);
  }
}

/** A value for machine-readable output: numbers stay numbers, percentages to one decimal place. */
export function machineValue(kind: MeasureKind, value: Value): Value {
  if (typeof value !== 'number') return value;
  return kind === 'percent' ? roundHalfUp(value, 1) : value;
}

/** What a cell the authority did not report says, in print and in spreadsheets. */
export const notReportedText = (note: string) => `Not reported (${note})`;

/** A row's cell for a printed table (HTML, DOCX): its value, or why it was not reported. */
export function printedCell(row: ReportRow, column: string): string {
  const note = row.notReported?.[column];
  return note === undefined ? printedValue(row.kind, row.values[column] ?? null) : notReportedText(note);
}

/** A row's cell for CSV and XLSX: its machine value, or why it was not reported (JSON gives null and the reason). */
export function machineCell(row: ReportRow, column: string): Value {
  const note = row.notReported?.[column];
  return note === undefined ? machineValue(row.kind, row.values[column] ?? null) : notReportedText(note);
}

/** Whether a printed cell is a number in a column of numbers (right-aligned in tables). */
export const isNumericKind = (kind: MeasureKind) => kind !== 'text';

/** "21 November 2026 at 12:00" in UK time, for the "generated" line. */
export function generatedLabel(at: Date): string {
  return DateTime.fromJSDate(at, { zone: 'Europe/London' }).toFormat("d MMMM yyyy 'at' HH:mm");
}

/** The period as a person reads it: "2023/24 (1 April 2023 to 31 March 2024)". */
export function periodLabel(period: Period): string {
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: 'Europe/London' }).toFormat('d MMMM yyyy');
  const lastDay = new Date(period.end.getTime() - 1);
  return `${period.label}: ${day(period.start)} to ${day(lastDay)}`;
}

/** A file name for a download: "table1-2023-24-Q1.xlsx". */
export function fileNameOf(report: { id: string; period: Period }, extension: string): string {
  const quarter = report.period.quarter ? `-Q${report.period.quarter}` : '';
  return `${report.id}-${report.period.fy.replace('/', '-')}${quarter}.${extension}`;
}

/** What the report is: authority, period, when produced, and the settings used. */
export function aboutLines(report: OutputReport): [string, string][] {
  return [
    ['Authority', `${report.authority.name} (${report.authority.code})`],
    ['Period', periodLabel(report.period)],
    ['Produced', generatedLabel(report.generatedAt)],
    ...Object.entries(report.settings),
  ];
}

/**
 * One CSV file (RFC 4180, CRLF) for the whole report: each table as its title on a line of its own, a header
 * row (key, measure, then the columns) and its rows, with a blank line between tables. Numbers are plain
 * (no separators), percentages to one decimal place, suppressed cells as their marks, cells not reported as
 * "Not reported (reason)".
 */
import type { Value } from '../framework.ts';
import type { OutputReport } from '../suppression.ts';
import { machineCell } from './format.ts';

const NEEDS_QUOTES = /[",\r\n]/;

function field(value: Value): string {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (values: Value[]) => values.map(field).join(',');

export function toCsv(report: OutputReport): string {
  const blocks = report.tables.map((t) => [
    line([t.title]),
    line(['key', 'measure', ...t.columns.map((c) => c.label)]),
    ...t.rows.map((r) => line([r.key, r.label, ...t.columns.map((c) => machineCell(r, c.key))])),
  ].join('\r\n'));
  return `${blocks.join('\r\n\r\n')}\r\n`;
}

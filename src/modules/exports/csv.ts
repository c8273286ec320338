/**
 * CSV as RFC 4180 writes it: comma-separated, CRLF line ends, a field quoted only when it holds a comma, a
 * quote or a line break. Statutory files are read by validators that match the header line exactly, so the
 * columns are written in the order given and nothing else is added.
 */
export function toCsv<C extends string>(columns: readonly C[], rows: readonly Readonly<Record<C, string>>[]): string {
  const lines = [columns.map(cell).join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))];
  return lines.map((line) => `${line}\r\n`).join('');
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A file an export produces: its name in the output folder and its text. */
export interface ExportFile {
  name: string;
  content: string;
  /** Data rows, not counting the line of column names. */
  rows: number;
}

export function csvFile<C extends string>(name: string, columns: readonly C[], rows: readonly Readonly<Record<C, string>>[]): ExportFile {
  return { name, content: toCsv(columns, rows), rows: rows.length };
}

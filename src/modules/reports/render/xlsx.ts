/**
 * The XLSX workbook: a sheet per table (bold header row, column widths, numbers as numbers, percentages as
 * numbers with a % format, the notes under the table), a "Charts" sheet with each chart as a picture under
 * its title and description, and an "About" sheet saying what the report is and which settings it used.
 */
import ExcelJS from 'exceljs';
import type { ReportTable } from '../framework.ts';
import type { OutputReport } from '../suppression.ts';
import { chartPng } from './charts.ts';
import { aboutLines, machineCell } from './format.ts';

/** Whole percentages, as printed tables show them; the cell keeps one decimal place. */
export const PERCENT_FORMAT = '0%';
const COUNT_FORMAT = '#,##0';

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, '-').slice(0, 28).trim();
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 26)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function addTableSheet(workbook: ExcelJS.Workbook, table: ReportTable, name: string): void {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow([table.title]).font = { bold: true, size: 14 };
  const header = sheet.addRow(['Measure', ...table.columns.map((c) => c.label), 'Key']);
  header.font = { bold: true };
  for (const row of table.rows) {
    const values = table.columns.map((c) => {
      const v = machineCell(row, c.key);
      // Percentages are stored as fractions so Excel's % format shows them as people expect.
      return typeof v === 'number' && row.kind === 'percent' ? v / 100 : v;
    });
    const added = sheet.addRow([row.label, ...values, row.key]);
    table.columns.forEach((_, i) => {
      const cell = added.getCell(i + 2);
      cell.alignment = { horizontal: 'right' };
      if (typeof cell.value !== 'number') return;
      if (row.kind === 'percent') cell.numFmt = PERCENT_FORMAT;
      else if (row.kind === 'count' || row.kind === 'individuals') cell.numFmt = COUNT_FORMAT;
    });
  }
  sheet.addRow([]);
  for (const note of table.notes) sheet.addRow([note]).alignment = { wrapText: false };
  sheet.getColumn(1).width = Math.min(70, Math.max(20, ...table.rows.map((r) => r.label.length + 2)));
  table.columns.forEach((c, i) => (sheet.getColumn(i + 2).width = Math.max(12, c.label.length + 2)));
  sheet.getColumn(table.columns.length + 2).width = Math.max(12, ...table.rows.map((r) => r.key.length + 2));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
}

async function addChartsSheet(workbook: ExcelJS.Workbook, report: OutputReport): Promise<void> {
  if (report.charts.length === 0) return;
  const sheet = workbook.addWorksheet('Charts');
  sheet.getColumn(1).width = 100;
  let row = 1;
  for (const chart of report.charts) {
    sheet.getCell(row, 1).value = chart.title;
    sheet.getCell(row, 1).font = { bold: true, size: 14 };
    sheet.getCell(row + 1, 1).value = `${chart.description} The figures are in the table sheets.`;
    const { png, width, height } = await chartPng(chart, report.suppression?.charts[chart.id]);
    const image = workbook.addImage({ base64: png.toString('base64'), extension: 'png' });
    // Drawn at half the PNG's size: the picture has twice the pixels, so it stays sharp when printed.
    sheet.addImage(image, { tl: { col: 0, row: row + 1 }, ext: { width: width / 2, height: height / 2 } });
    row += 3 + Math.ceil(height / 2 / 20);
  }
}

function addAboutSheet(workbook: ExcelJS.Workbook, report: OutputReport): void {
  const sheet = workbook.addWorksheet('About');
  sheet.addRow([report.title]).font = { bold: true, size: 14 };
  for (const [label, value] of aboutLines(report)) sheet.addRow([label, value]).getCell(1).font = { bold: true };
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 80;
}

export async function toXlsx(report: OutputReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Homeward';
  workbook.created = report.generatedAt;
  workbook.title = report.title;
  const taken = new Set<string>(['charts', 'about']);
  for (const table of report.tables) addTableSheet(workbook, table, sheetName(table.id, taken));
  await addChartsSheet(workbook, report);
  addAboutSheet(workbook, report);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

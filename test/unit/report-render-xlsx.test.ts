/** The XLSX workbook read back with exceljs: a sheet per table, numbers as numbers, percentages formatted. */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { toXlsx } from '../../src/modules/reports/render/xlsx.ts';
import { operationalReport, suppressReport } from '../../src/modules/reports/suppression.ts';
import { sampleReport } from '../fixtures/reports.ts';

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The row of a sheet whose first cell is `label`. */
function rowOf(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (!found && row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`no row "${label}" in ${sheet.name}`);
  return found;
}

describe('toXlsx', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await read(await toXlsx(operationalReport(sampleReport())));
  });

  it('has a sheet per table, then the charts and what the report is', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['measures', 'by-district', 'Charts', 'About']);
    const about = workbook.getWorksheet('About');
    expect(about && rowOf(about, 'Authority').getCell(2).value).toBe('Demo County Council (891)');
    expect(about && rowOf(about, 'Small-number suppression').getCell(2).value).toContain('not for publication');
  });

  it('writes counts as numbers and percentages as fractions with a % format', () => {
    const sheet = workbook.getWorksheet('measures');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell('A1').value).toBe('Measures, 2023/24 Q1');
    const header = sheet.getRow(2);
    expect([header.getCell(1).value, header.getCell(2).value, header.font?.bold]).toEqual(['Measure', '2023/24 Q1', true]);
    expect(rowOf(sheet, 'Incidents').getCell(2).value).toBe(1234);
    const girls = rowOf(sheet, 'Incidents relating to girls (%)').getCell(2);
    expect(girls.value).toBeCloseTo(0.123, 10);
    expect(girls.numFmt).toContain('%');
    expect(rowOf(sheet, 'Ratio males to females').getCell(2).value).toBe('49:50');
    expect(rowOf(sheet, 'Peak age').getCell(2).value).toBe(15);
    expect(rowOf(sheet, 'Incidents').getCell(3).value).toBe('incidents');
    expect(sheet.getColumn(1).width).toBeGreaterThan(20);
  });

  it('puts the notes under the table', () => {
    const sheet = workbook.getWorksheet('measures');
    const lastRow = sheet?.getRow(sheet.rowCount);
    expect(lastRow?.getCell(1).value).toBe('Incidents count by when they started.');
  });

  it('puts each chart on the Charts sheet as a picture under its title and description', () => {
    const charts = workbook.getWorksheet('Charts');
    expect(charts?.getCell('A1').value).toBe('Incidents by quarter');
    expect(String(charts?.getCell('A2').value)).toContain('Incidents each quarter, from home and from care.');
    expect(charts?.getImages()).toHaveLength(2);
    const media = (workbook.model as unknown as { media: { type: string; extension: string; buffer: Buffer }[] }).media;
    expect(media.map((m) => m.extension)).toEqual(['png', 'png']);
    expect(media[0]?.buffer.subarray(1, 4).toString()).toBe('PNG');
  });

  it('writes the marks of a published report as text', async () => {
    const published = await read(await toXlsx(suppressReport(sampleReport(), 5)));
    const sheet = published.getWorksheet('measures');
    if (!sheet) throw new Error('no sheet');
    expect([rowOf(sheet, 'From home').getCell(2).value, rowOf(sheet, 'From care').getCell(2).value]).toEqual(['[c]', '<5']);
  });
});

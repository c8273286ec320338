/**
 * `homeward report`, the real CLI as a child process against its own PGlite data folder: JSON on standard
 * output, a workbook to --out, published figures with small numbers hidden, and one-line errors with exit 1.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationCells, tempFolder, toCsv } from '../fixtures/notifications.ts';
import { homeward } from '../support/cli.ts';

type Json = { report: string; suppressed: boolean; tables: { id: string; rows: { key: string; values: Record<string, unknown> }[] }[] };

const valueOf = (json: Json, key: string) => json.tables[0]?.rows.find((r) => r.key === key)?.values;

describe('homeward report', () => {
  let files: Awaited<ReturnType<typeof tempFolder>>;
  let dataDir: string;
  const run = (...args: string[]) => homeward(dataDir, args);

  beforeAll(async () => {
    files = await tempFolder('homeward-report-cli-');
    dataDir = join(files.dir, 'data');
    expect((await run('demo', '--empty')).code).toBe(0);
    // 2024/25: seven children missing from home and two from this authority's care.
    const rows = [...Array(7).fill('home'), 'care', 'care'].map((from: string, i) => notificationCells({
      missing_from: from, last_seen_at: `2024-05-1${i}T18:00`, reported_at: `2024-05-1${i}T19:00`, notified_at: `2024-05-1${i}T20:00`, found_at: `2024-05-2${i}T08:00`,
    }));
    const imported = await run('import', 'notifications', await files.write('incidents.csv', toCsv(rows)), '--authority', '891', '--json');
    expect(imported.stdout).toContain('"accepted":9');
  }, 180_000);
  afterAll(() => files.cleanup());

  it('prints Table 1 as JSON on standard output, operational by default', async () => {
    const result = await run('report', 'table1', '--fy', '2024/25', '--authority', '891', '--format', 'json');
    expect([result.code, result.stderr]).toEqual([0, '']);
    const json = JSON.parse(result.stdout) as Json;
    expect([json.report, json.suppressed]).toEqual(['table1', false]);
    expect(valueOf(json, 'total_incidents')).toEqual({ '2024/25': 9 });
    expect(valueOf(json, 'own_care_incidents')).toEqual({ '2024/25': 2 });
  });

  it('hides small numbers with --published', async () => {
    const result = await run('report', 'table1', '--fy', '2024/25', '--authority', '891', '--published');
    const json = JSON.parse(result.stdout) as Json;
    expect(json.suppressed).toBe(true);
    expect([valueOf(json, 'own_care_incidents'), valueOf(json, 'home_incidents'), valueOf(json, 'total_incidents')]).toEqual([{ '2024/25': '<5' }, { '2024/25': '[c]' }, { '2024/25': 9 }]);
  });

  it('writes an XLSX workbook to --out, with the counts as numbers', async () => {
    const out = join(files.dir, 'table1.xlsx');
    const result = await run('report', 'table1', '--fy', '2024/25', '--authority', '891', '--format', 'xlsx', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Wrote .*table1\.xlsx \([\d,]+ bytes, operational figures: not for publication\)\n$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(out)) as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('table1')?.getCell('B3').value).toBe(9);
  });

  it('prints the committee measures for a quarter as CSV', async () => {
    const result = await run('report', 'committee', '--fy', '2024/25', '--quarter', 'Q1', '--authority', '891', '--format', 'csv');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\r\nincidents,Incidents that started in the period,9\r\n');
  });

  it('explains a bad financial year, a quarter Table 1 does not have, and an unknown format in one line each, exiting 1', async () => {
    for (const [args, message] of [
      [['--fy', '2024'], 'homeward: Enter a financial year like 2023/24\n'],
      [['--fy', '2024/25', '--quarter', 'Q1'], 'homeward: Table 1: children missing from home and care is for a whole financial year: leave the quarter out\n'],
      [['--fy', '2024/25', '--format', 'pdf'], 'homeward: --format must be one of json, csv, xlsx, docx, html\n'],
    ] as const) {
      const result = await run('report', 'table1', '--authority', '891', ...args);
      expect([result.code, result.stdout, result.stderr], args.join(' ')).toEqual([1, '', message]);
    }
  });
});

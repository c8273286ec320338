/**
 * Tables 2 and 3 as reports, on the hand-built history of table23-fixture.ts: the single year and the five-year
 * comparison, in the web app, the API and every format, and the authority's settings for cells it did not report
 * ("Not reported (reason)" in print, null with the reason in JSON) and for the first year it reports a table.
 */
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorities } from '../../src/db/schema.ts';
import { notReportedSettings } from '../../src/modules/reports/framework.ts';
import { createApiKey } from '../../src/modules/users/api-keys.service.ts';
import { errorSummary, visibleText } from '../fixtures/html.ts';
import { policeAgencyId } from '../fixtures/records.ts';
import { unzip } from '../fixtures/reports.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { loadTable23Fixture } from './table23-fixture.ts';

type Json = {
  report: string; settings: Record<string, string>;
  tables: { id: string; columns: { key: string }[]; rows: { key: string; values: Record<string, unknown>; notReported?: Record<string, string> }[]; notes: string[] }[];
};

const NOW = new Date('2025-06-01T10:00:00Z');
const FY = encodeURIComponent('2024/25');
const IN_DEVELOPMENT = 'Not reported (Report in development)';
const SETTINGS = {
  reporting: {
    firstYear: { table2: '2023/24' },
    notReported: [
      { report: 'table2', keys: ['mash_referrals', 'ratio_female_male'], fyFrom: '2024/25', fyTo: '2024/25', note: 'Report in development' },
      { report: 'table3', keys: ['icpc'], note: 'Not collected' },
      { report: 'table2', keys: 'mash_referrals', note: 'a malformed entry is left out' },
    ],
  },
};

const row = (json: Json, table: number, key: string) => json.tables[table]?.rows.find((r) => r.key === key);

describeEachDatabase('Tables 2 and 3 reports', (use) => {
  let app: FastifyInstance;
  let manager: Agent;
  let key: string;
  const api = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  const download = async (id: string, format: string, published = false) => manager.get(`/reports/${id}/download?fy=${FY}&format=${format}&published=${published}`);

  beforeAll(async () => {
    await loadTable23Fixture(use());
    app = await buildTestApp(use(), () => NOW);
    manager = await new Agent(app).signIn('manager');
    ({ key } = await createApiKey(use(), null, { authorityCode: '891', agencyId: await policeAgencyId(use()), name: 'Reporting system' }));
  });
  afterAll(() => app.close());

  describe('with no settings', () => {
    it('gives the year, then five years side by side (the chosen last), through the API', async () => {
      const res = await api(`/api/v1/reports/table2?fy=${FY}`);
      expect(res.statusCode).toBe(200);
      const json = res.json<Json>();
      expect(json.report).toBe('table2');
      expect(json.tables.map((t) => t.columns.map((c) => c.key))).toEqual([['2024/25'], ['2020/21', '2021/22', '2022/23', '2023/24', '2024/25']]);
      expect(row(json, 0, 'children_at_risk')?.values).toEqual({ '2024/25': 2 });
      expect(row(json, 1, 'panel_children')?.values).toEqual({ '2020/21': 0, '2021/22': 0, '2022/23': 0, '2023/24': 2, '2024/25': 2 });
      expect(row(json, 0, 'ratio_female_male')?.values).toEqual({ '2024/25': '100:0' });
      expect(json.settings['Figures not reported']).toBe('none');
      const table3 = (await api(`/api/v1/reports/table3?fy=${FY}`)).json<Json>();
      expect(row(table3, 0, 'children_at_risk')?.values).toEqual({ '2024/25': 4 });
      expect(table3.tables[0]?.notes.join(' ')).toContain('county lines included');
    });

    it('shows the tables on the Reports page and prints them as CSV', async () => {
      const page = await manager.get(`/reports/table3?fy=${FY}`);
      expect(page.statusCode).toBe(200);
      const text = visibleText(page.body);
      expect(text).toContain('Table 3: child criminal exploitation, 2024/25');
      expect(text).toContain('Children monitored at the Child Criminal Exploitation Panel (CCEP)');
      expect((await download('table2', 'csv')).body).toContain('\r\nchildren_at_risk,Total children identified as potentially at risk of CSE,2\r\n');
    });
  });

  describe('with the authority’s settings', () => {
    beforeAll(async () => {
      await use().transaction((tx) => tx.update(authorities).set({ settings: SETTINGS }).where(eq(authorities.code, '891')));
    });

    it('reads only well-formed entries of the setting', () => {
      expect(notReportedSettings(SETTINGS, 'table2').map((e) => e.keys)).toEqual([['mash_referrals', 'ratio_female_male']]);
      expect(notReportedSettings({ reporting: { notReported: 'everything' } }, 'table2')).toEqual([]);
    });

    it('gives unreported cells as null with the reason in JSON, and leaves out years before the first', async () => {
      const json = (await api(`/api/v1/reports/table2?fy=${FY}`)).json<Json>();
      expect(json.tables[1]?.columns.map((c) => c.key)).toEqual(['2023/24', '2024/25']);
      expect(row(json, 1, 'mash_referrals')).toMatchObject({ values: { '2023/24': 1, '2024/25': null }, notReported: { '2024/25': 'Report in development' } });
      expect(row(json, 1, 'children_at_risk')?.notReported).toBeUndefined();
      expect(json.tables[1]?.notes).toContain('Not reported for 2024/25 (Report in development), as the authority has set: New Multi-Agency Safeguarding Hub (MASH) referrals re CSE; Female:male ratio.');
      expect(json.settings['First year reported']).toBe('2023/24 (earlier years are left out)');
      const table3 = (await api(`/api/v1/reports/table3?fy=${FY}`)).json<Json>();
      expect(Object.values(row(table3, 1, 'icpc')?.notReported ?? {})).toEqual(Array(5).fill('Not collected'));
    });

    it('says "Not reported (reason)" in the page, its chart figures, CSV, XLSX and DOCX', async () => {
      const page = visibleText((await manager.get(`/reports/table2?fy=${FY}`)).body);
      expect(page.match(/Not reported \(Report in development\)/g)?.length).toBe(2 + 2 + 1);
      expect((await download('table2', 'csv')).body).toContain(`\r\nmash_referrals,New Multi-Agency Safeguarding Hub (MASH) referrals re CSE,${IN_DEVELOPMENT}\r\n`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await download('table2', 'xlsx')).rawPayload as unknown as ExcelJS.Buffer);
      const sheet = workbook.getWorksheet('table2');
      expect([sheet?.getCell('B3').value, sheet?.getCell('B4').value]).toEqual([2, IN_DEVELOPMENT]);
      expect(unzip((await download('table2', 'docx')).rawPayload).get('word/document.xml')?.toString('utf8')).toContain(IN_DEVELOPMENT);
      expect((await download('table2', 'html')).body).toContain(IN_DEVELOPMENT);
    });

    it('keeps unreported cells as they are when small numbers are hidden for publication', async () => {
      const json = (await download('table2', 'json', true)).json<Json>();
      expect(row(json, 0, 'children_at_risk')?.values).toEqual({ '2024/25': '<5' });
      expect(row(json, 0, 'mash_referrals')).toMatchObject({ values: { '2024/25': null }, notReported: { '2024/25': 'Report in development' } });
    });

    it('explains that a year before the first is not reported, with the year field in error', async () => {
      const page = await manager.get(`/reports/table2?fy=${encodeURIComponent('2022/23')}`);
      expect(page.statusCode).toBe(400);
      expect(errorSummary(page.body)).toEqual([['#fy', 'Table 2: child sexual exploitation is reported from 2023/24: choose 2023/24 or a later year']]);
    });
  });
});

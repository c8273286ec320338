/**
 * The Reports section and the reports API: the Manager picks a report and a period, sees the tables and charts
 * (operational or for publication, with small numbers hidden) and downloads every format; who may not see
 * aggregate figures gets 403; the API gives the same JSON to a police system's key.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS } from '../../src/modules/reports/registry.ts';
import { createApiKey } from '../../src/modules/users/api-keys.service.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { errorSummary, titleOf, visibleText } from '../fixtures/html.ts';
import { unzip } from '../fixtures/reports.ts';
import { policeAgencyId } from '../fixtures/records.ts';
import { FIXED_NOW, notify } from './children-support.ts';

const FY = '2024/25';
const TABLE1 = `/reports/table1?fy=${encodeURIComponent(FY)}`;
const IDS = Object.keys(REPORTS);

const CONTENT_TYPES: Record<string, RegExp> = {
  json: /^application\/json/,
  csv: /^text\/csv/,
  xlsx: /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/,
  docx: /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/,
  html: /^text\/html/,
};

describeEachDatabase('the Reports section', (use) => {
  let app: FastifyInstance;
  let manager: Agent;
  const references: string[] = [];

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    // In 2024/25: six children missing from home and three from this authority's care, each found the next day.
    for (const [from, day] of [['home', 6], ['care', 3]] as const) {
      for (let i = 0; i < day; i++) {
        const cells = { missing_from: from, last_seen_at: `2024-06-1${i}T18:00`, reported_at: `2024-06-1${i}T20:00`, notified_at: `2024-06-1${i}T21:00`, found_at: `2024-06-2${i}T09:00` };
        const recorded = await notify(use(), { cells });
        references.push(recorded.reference);
      }
    }
    manager = await new Agent(app).signIn('manager');
  });
  afterAll(() => app.close());

  it('is in the Manager’s navigation and on their home page, and lists the reports', async () => {
    const home = await manager.get('/');
    expect(home.body).toMatch(/<a class="govuk-link" href="\/reports">Reports<\/a>/);
    const list = await manager.get('/reports');
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/class="govuk-service-navigation__link" href="\/reports" aria-current="true">\s*<strong[^>]*>Reports<\/strong>/);
    for (const id of IDS) expect(list.body).toContain(`href="/reports/${id}"`);
    expect(visibleText(list.body)).toContain('Table 1: children missing from home and care');
  });

  it('shows the form alone until a period is chosen, with the last complete financial year picked', async () => {
    const res = await manager.get('/reports/table1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<option value="2025\/26" selected>/);
    expect(res.body).not.toContain('<table');
    // Table 1 is by financial year only: no quarter to pick.
    expect(res.body).not.toContain('id="quarter"');
  });

  it('shows the operational figures with every number, right-aligned, a chart with its data, and warns they are not for publication', async () => {
    const res = await manager.get(`${TABLE1}&published=false`);
    expect(res.statusCode).toBe(200);
    expect(titleOf(res.body)).toBe('Table 1: children missing from home and care, 2024/25 – Homeward');
    const text = visibleText(res.body);
    expect(text).toContain('Operational figures: small numbers are not hidden');
    expect(res.body).toMatch(/<th scope="row" class="govuk-table__header">Total incident reports of children missing<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">9<\/td>/);
    expect(res.body).toMatch(/Incident reports of children missing from home<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">6<\/td>/);
    expect(res.body).toMatch(/<figure class="app-chart" id="figure-table1-trend">[\s\S]*?role="img"[\s\S]*?<\/figure>/);
    expect(res.body).toContain('<figcaption>');
    expect(res.body).toContain('data-app-print');
    // Figures only: no child's name or police reference.
    for (const reference of references) expect(res.body).not.toContain(reference);
  });

  it('hides small numbers for publication: 3 as <5, and the 6 it could be worked out from as [c]', async () => {
    const res = await manager.get(`${TABLE1}&published=true`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/missing from home<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">\[c\]<\/td>/);
    expect(res.body).toMatch(/missing from care \(including those placed out of area\)<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">&lt;5<\/td>/);
    expect(visibleText(res.body)).not.toContain('Operational figures');
    expect(visibleText(res.body)).toContain('Small-number suppression on: counts under 5 hidden');
  });

  it('re-shows the form with an error for a period that is not a financial year', async () => {
    const res = await manager.get('/reports/table1?fy=2024');
    expect(res.statusCode).toBe(400);
    expect(titleOf(res.body)).toMatch(/^Error: /);
    expect(errorSummary(res.body)).toEqual([['#fy', 'Enter a financial year like 2023/24']]);
  });

  it('offers every format for download, each with its type and an attachment file name', async () => {
    for (const id of IDS) {
      const quarter = REPORTS[id as keyof typeof REPORTS]?.quarters ? '&quarter=Q1' : '';
      const page = await manager.get(`/reports/${id}?fy=${encodeURIComponent(FY)}${quarter}&published=true`);
      expect(page.statusCode, id).toBe(200);
      for (const format of Object.keys(CONTENT_TYPES)) {
        const href = `/reports/${id}/download?fy=2024%2F25${quarter}&published=true&format=${format}`;
        expect(page.body, `${id} ${format} link`).toContain(`href="${href.replace(/&/g, '&amp;')}"`);
        const res = await manager.get(href);
        expect(res.statusCode, `${id} ${format}`).toBe(200);
        expect(res.headers['content-type'], `${id} ${format}`).toMatch(CONTENT_TYPES[format] ?? /none/);
        expect(res.headers['content-disposition']).toBe(`attachment; filename="${id}-2024-25${quarter ? '-Q1' : ''}.${format}"`);
      }
    }
  });

  it('downloads the figures themselves: JSON and CSV rows by key, XLSX and DOCX files', async () => {
    const get = (format: string, published = false) => manager.get(`/reports/table1/download?fy=2024%2F25&format=${format}&published=${published}`);
    const json = (await get('json')).json<{ tables: { rows: { key: string; values: Record<string, unknown> }[] }[] }>();
    expect(json.tables[0]?.rows.find((r) => r.key === 'own_care_incidents')?.values).toEqual({ [FY]: 3 });
    const published = (await get('json', true)).json<{ suppressed: boolean; tables: { rows: { key: string; values: Record<string, unknown> }[] }[] }>();
    expect([published.suppressed, published.tables[0]?.rows.find((r) => r.key === 'own_care_incidents')?.values]).toEqual([true, { [FY]: '<5' }]);
    expect((await get('csv')).body).toContain('\r\ntotal_incidents,Total incident reports of children missing,9\r\n');
    const docx = unzip((await get('docx')).rawPayload).get('word/document.xml')?.toString('utf8') ?? '';
    expect(docx).toContain('Total incident reports of children missing');
    expect(docx).toContain('What the figures show');
    expect(unzip((await get('xlsx')).rawPayload).has('xl/workbook.xml')).toBe(true);
    expect((await get('html')).body).toMatch(/^<!DOCTYPE html>/);
  });

  it('refuses a download in no format with a 400', async () => {
    expect((await manager.get('/reports/table1/download?fy=2024%2F25&format=pdf')).statusCode).toBe(400);
  });

  describe('who may see reports', () => {
    it('refuses a return interview worker (no aggregate figures) with 403 on every page and download', async () => {
      const worker = await new Agent(app).signIn('rhi_worker');
      for (const url of ['/reports', TABLE1, '/reports/table1/download?fy=2024%2F25&format=csv']) {
        expect((await worker.get(url)).statusCode, url).toBe(403);
      }
      expect((await worker.get('/return-interviews')).body).not.toContain('href="/reports"');
    });

    it('lets social workers and police see them (they may view aggregate figures)', async () => {
      for (const role of ['social_worker', 'police'] as const) {
        const agent = await new Agent(app).signIn(role);
        const res = await agent.get(TABLE1);
        expect(res.statusCode, role).toBe(200);
        expect(res.body, role).toContain('Total incident reports of children missing');
      }
    });
  });

  describe('GET /api/v1/reports/{id}', () => {
    let key: string;
    beforeAll(async () => {
      ({ key } = await createApiKey(use(), null, { authorityCode: '891', agencyId: await policeAgencyId(use()), name: 'Reporting system' }));
    });
    const api = (url: string, headers: Record<string, string> = { authorization: `Bearer ${key}` }) => app.inject({ method: 'GET', url, headers });

    it('gives the JSON output, operational unless published=true', async () => {
      const res = await api(`/api/v1/reports/table1?fy=${encodeURIComponent(FY)}`);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ report: string; suppressed: boolean; tables: { rows: { key: string; values: Record<string, unknown> }[] }[] }>();
      expect([body.report, body.suppressed]).toEqual(['table1', false]);
      expect(body.tables[0]?.rows.find((r) => r.key === 'total_incidents')?.values).toEqual({ [FY]: 9 });
      const published = (await api(`/api/v1/reports/table1?fy=${encodeURIComponent(FY)}&published=true`)).json<typeof body>();
      expect(published.tables[0]?.rows.find((r) => r.key === 'home_incidents')?.values).toEqual({ [FY]: '[c]' });
    });

    it('answers problems as problem+json: a bad year 400, no such report 404, no key 401', async () => {
      for (const [url, status, headers] of [
        ['/api/v1/reports/table1?fy=2024', 400, undefined],
        ['/api/v1/reports/table9?fy=2024%2F25', 404, undefined],
        ['/api/v1/reports/table1?fy=2024%2F25', 401, {}],
      ] as const) {
        const res = await api(url, headers);
        expect(res.statusCode, url).toBe(status);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });

    it('is described in the OpenAPI document', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, { get?: { parameters: { name: string }[] } }> }>();
      expect(doc.paths['/api/v1/reports/{id}']?.get?.parameters.map((p) => p.name)).toEqual(['id', 'fy', 'quarter', 'published']);
    });
  });
});

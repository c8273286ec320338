/** HTML: GOV.UK tables with numeric columns right-aligned, charts in figures with their data, a standalone page. */
import { describe, expect, it } from 'vitest';
import { reportBodyHtml, toHtml } from '../../src/modules/reports/render/html.ts';
import { operationalReport } from '../../src/modules/reports/suppression.ts';
import { sampleReport } from '../fixtures/reports.ts';

describe('reportBodyHtml', () => {
  it('writes each table as a GOV.UK table with a caption, row headers and right-aligned figures', async () => {
    const html = await reportBodyHtml(sampleReport());
    expect(html).toContain('<caption class="govuk-table__caption govuk-table__caption--m">Measures, 2023/24 Q1</caption>');
    expect(html).toMatch(/<th scope="col" class="govuk-table__header govuk-table__header--numeric">2023\/24 Q1<\/th>/);
    expect(html).toMatch(/<th scope="row" class="govuk-table__header">Incidents<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">1,234<\/td>/);
    expect(html).toMatch(/<td class="govuk-table__cell govuk-table__cell--numeric">12%<\/td>/);
    expect(html).toContain('Incidents count by when they started.');
  });

  it('puts each chart in a figure with its caption, the SVG inline and its figures in a table', async () => {
    const html = await reportBodyHtml(sampleReport());
    const figure = /<figure class="app-chart" id="figure-trend">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    expect(figure).toMatch(/<figcaption>\s*<h3 class="govuk-heading-m">Incidents by quarter<\/h3>/);
    expect(figure).toContain('role="img"');
    expect(figure).toContain('Figures in the chart: Incidents by quarter');
    expect(figure).toMatch(/<th scope="row" class="govuk-table__header">From care<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">40<\/td>/);
  });
});

describe('toHtml', () => {
  it('is a standalone page: GOV.UK styles inside it, no scripts, nothing fetched from elsewhere', async () => {
    const html = await toHtml(operationalReport(sampleReport()));
    expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="en-GB"/);
    expect(html).toContain('<title>Committee measures – Demo County Council</title>');
    expect(html).toContain('.govuk-table{');
    expect(html).toContain('@media print');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<link [^>]*stylesheet/);
    expect(html).not.toContain('@font-face');
    expect(html).toMatch(/<dt class="govuk-summary-list__key">Small-number suppression<\/dt>\s*<dd class="govuk-summary-list__value">off: operational figures, not for publication<\/dd>/);
  });
});

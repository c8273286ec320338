/**
 * HTML for people: the report's tables and charts as GOV.UK tables (numeric columns right-aligned) and inline
 * accessible SVG in a <figure> with the chart's figures in a table under it. `reportBodyHtml` is what the web
 * page shows; `toHtml` wraps it in a standalone print-ready page with the GOV.UK styles inside it, so the file
 * can be opened, printed or sent on without Homeward.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import type { ReportTable } from '../framework.ts';
import type { OutputReport } from '../suppression.ts';
import { chartSvg, chartTable } from './charts.ts';
import { aboutLines, isNumericKind, printedCell } from './format.ts';

const require = createRequire(import.meta.url);
const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([join(import.meta.dirname, 'templates'), GOVUK_DIST]), { autoescape: true });

let govukCss: string | null = null;
/** The GOV.UK Frontend styles without their web fonts (a file on its own cannot fetch them; Arial is the fallback). */
function standaloneCss(): string {
  govukCss ??= readFileSync(join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.css'), 'utf8')
    .replace(/@font-face\{[^}]*\}/g, '')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '');
  return govukCss;
}

/** The reports' own styles: inside the standalone page, and served to the web app's Reports page. */
export const REPORT_CSS = readFileSync(join(import.meta.dirname, 'templates', 'report.css'), 'utf8');

/** More columns than fit beside the row labels on a screen: the table scrolls sideways. */
const WIDE = 6;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Row headers as a screen reader announces them: a label repeated in the table ("Relating to individuals")
 * gets the row it belongs to, above it, in hidden text.
 */
function rowHeaders(table: ReportTable): { html: string }[] {
  const counts = new Map<string, number>();
  for (const r of table.rows) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  let context = '';
  return table.rows.map((r) => {
    const repeated = (counts.get(r.label) ?? 0) > 1;
    if (!repeated) context = r.label;
    const hidden = repeated && context ? `<span class="govuk-visually-hidden"> (${escapeHtml(context)})</span>` : '';
    return { html: `${escapeHtml(r.label)}${hidden}` };
  });
}

function tableView(table: ReportTable) {
  const headers = rowHeaders(table);
  return {
    id: table.id,
    title: table.title,
    notes: table.notes,
    wide: table.columns.length >= WIDE,
    head: [{ text: 'Measure' }, ...table.columns.map((c) => ({ text: c.label, format: 'numeric' }))],
    rows: table.rows.map((r, i) => [
      headers[i] ?? { html: '' },
      ...table.columns.map((c) => ({ text: printedCell(r, c.key), format: isNumericKind(r.kind) ? 'numeric' : '' })),
    ]),
  };
}

async function chartViews(report: OutputReport) {
  return Promise.all(report.charts.map(async (chart) => {
    const hidden = report.suppression?.charts[chart.id];
    const data = chartTable(chart, hidden);
    return {
      id: chart.id,
      title: chart.title,
      description: chart.description,
      wide: data.categories.length >= WIDE,
      svg: await chartSvg(chart, { hidden, inline: true }),
      head: [{ text: chart.categoryLabel }, ...data.categories.map((c) => ({ text: c, format: 'numeric' }))],
      rows: data.rows.map((r) => [{ text: r.series }, ...r.cells.map((text) => ({ text, format: 'numeric' }))]),
    };
  }));
}

/** The tables and charts, for a page that already has its heading (the web app's Reports page). */
export async function reportBodyHtml(report: OutputReport): Promise<string> {
  return env.render('report-body.njk', { tables: report.tables.map(tableView), charts: await chartViews(report) });
}

/** A standalone, print-ready page. */
export async function toHtml(report: OutputReport): Promise<string> {
  const body = await reportBodyHtml(report);
  return env.render('report-page.njk', { title: report.title, authority: report.authority.name, about: aboutLines(report), css: standaloneCss(), reportCss: REPORT_CSS, body });
}

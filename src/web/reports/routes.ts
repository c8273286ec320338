/**
 * The Reports section: the reports there are, one report for a period (its tables, charts and downloads), and
 * its downloads in every format. Aggregate figures only: no child is named, so the Manager sees it.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { assertCan } from '../../modules/access/policy.ts';
import { NotFound, ValidationFailed } from '../../modules/errors.ts';
import { REPORTS, reportDefinition } from '../../modules/reports/registry.ts';
import type { ReportDefinition } from '../../modules/reports/framework.ts';
import { REPORT_CSS, reportBodyHtml } from '../../modules/reports/render/html.ts';
import { aboutLines } from '../../modules/reports/render/format.ts';
import { FORMAT_LABELS, FORMATS, renderReport } from '../../modules/reports/render/index.ts';
import { produceOutputReport } from '../../modules/reports/render/output.service.ts';
import type { OutputReport } from '../../modules/reports/suppression.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { lastCompleteYear, parseReportQuery, reportQueryString, yearChoices, type ReportQuery } from './query.ts';

type Get = { Params: { id: string }; Querystring: Record<string, unknown> };

const QUARTERS = [
  { value: '', text: 'The whole year' },
  { value: 'Q1', text: 'Q1: April to June' },
  { value: 'Q2', text: 'Q2: July to September' },
  { value: 'Q3', text: 'Q3: October to December' },
  { value: 'Q4', text: 'Q4: January to March' },
];

function definitionOf(id: string): ReportDefinition {
  const definition = reportDefinition(id);
  if (!definition) throw new NotFound(`There is no report called "${id}"`);
  return definition;
}

interface PageState {
  definition: ReportDefinition;
  query: ReportQuery;
  now: Date;
  report?: OutputReport;
  errors?: { text: string; href: string }[];
}

async function renderPage(reply: FastifyReply, s: PageState): Promise<FastifyReply> {
  const { definition, query, report } = s;
  return reply.view('reports/view.njk', {
    title: report ? `${definition.title}, ${report.period.label}` : definition.title,
    definition,
    values: query,
    years: yearChoices(s.now, query.fy),
    quarters: definition.quarters ? QUARTERS.map((q) => ({ ...q, selected: q.value === query.quarter })) : null,
    errors: s.errors ?? [],
    fieldErrors: Object.fromEntries((s.errors ?? []).map((e) => [e.href.slice(1), { text: e.text }])),
    report: report ? { about: aboutLines(report), body: await reportBodyHtml(report), suppressed: report.suppression !== undefined } : null,
    downloads: report ? FORMATS.map((f) => ({ href: `${urls.reportDownload(definition.id)}${reportQueryString(query, f)}`, text: FORMAT_LABELS[f], format: f })) : [],
  });
}

export function registerReportRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  // The styles the standalone report has inside it, for the Reports page (the CSP allows only files).
  app.get(urls.reportStyles, async (_request, reply) => reply.type('text/css; charset=utf-8').send(REPORT_CSS));

  app.get(urls.reports, async (request, reply) => {
    assertCan(requireActor(request), 'aggregate:view');
    const reports = Object.values(REPORTS).map((d) => ({ href: urls.report(d.id), title: d.title, description: d.description }));
    return reply.view('reports/list.njk', { title: 'Reports', reports });
  });

  app.get<Get>(urls.report(':id'), async (request, reply) => {
    const actor = requireActor(request);
    assertCan(actor, 'aggregate:view');
    const definition = definitionOf(request.params.id);
    const at = now();
    const parsed = parseReportQuery(request.query);
    // A report by financial year only has no quarter field: a quarter in the address is ignored, not an error.
    const query = { ...parsed, quarter: definition.quarters ? parsed.quarter : '' };
    if (!query.asked) return renderPage(reply, { definition, now: at, query: { ...query, fy: lastCompleteYear(at) } });
    try {
      const report = await produceOutputReport(db, actor, { report: definition.id, fy: query.fy, quarter: query.quarter || null, published: query.published }, at);
      return await renderPage(reply, { definition, query, now: at, report });
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const errors = error.problems.map((p) => ({ text: p.message, href: `#${p.field}` }));
      return renderPage(reply.code(400), { definition, query, now: at, errors });
    }
  });

  app.get<Get>(urls.reportDownload(':id'), async (request, reply) => {
    const actor = requireActor(request);
    assertCan(actor, 'aggregate:view');
    const definition = definitionOf(request.params.id);
    const { format, fy, quarter: asked, published } = parseReportQuery(request.query);
    const quarter = definition.quarters ? asked : '';
    if (!format) throw new ValidationFailed([{ field: 'format', message: `Choose a format: ${FORMATS.join(', ')}` }]);
    const report = await produceOutputReport(db, actor, { report: definition.id, fy, quarter: quarter || null, published }, now());
    const file = await renderReport(report, format);
    return reply
      .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
      .type(file.contentType)
      .send(file.body);
  });
}

/** The hotspots view: locations ranked by linked incidents and children over a period and district, and its CSV. */
import type { FastifyInstance } from 'fastify';
import { hotspotKindLabel, hotspots, hotspotsCsv } from '../../modules/exploitation/hotspots.service.ts';
import { disruptionKindLabel } from '../../modules/exploitation/disruptions-form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

type Query = { Querystring: { from?: string; to?: string; district?: string; format?: string } };

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function registerHotspotRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Query>(urls.hotspots, async (request, reply) => {
    const actor = requireActor(request);
    const asked = { from: text(request.query.from), to: text(request.query.to), district: text(request.query.district) };
    const csv = request.query.format === 'csv';
    const result = await hotspots(db, actor, asked, now(), csv ? 'download' : 'view');
    if (csv && result.problems.length === 0) {
      const name = `hotspots-${result.from}-to-${result.to}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(hotspotsCsv(result));
    }
    const values = result.problems.length ? asked : { from: result.from, to: result.to, district: result.district === null ? '' : String(result.district) };
    const csvQuery = new URLSearchParams({ from: result.from, to: result.to, ...(values.district ? { district: values.district } : {}), format: 'csv' });
    return reply.code(result.problems.length ? 400 : 200).view('locations/hotspots.njk', {
      title: 'Hotspots', result, values, csvUrl: `${urls.hotspots}?${csvQuery.toString()}`,
      rows: result.rows.map((r) => ({ ...r, kindLabel: hotspotKindLabel(r.kind), disruptionLabel: r.disruptionKind ? disruptionKindLabel(r.disruptionKind) : null })),
      errors: result.problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
      fieldErrors: Object.fromEntries(result.problems.map((p) => [p.field, { text: p.message }])),
    });
  });
}

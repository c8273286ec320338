/** The JSON API: notifications in from the police system, reports out, described by the OpenAPI document. */
import type { FastifyInstance } from 'fastify';
import { recordMissingNotification } from '../../modules/missing/intake.service.ts';
import { parseNotification } from '../../modules/missing/notification-parse.ts';
import { assertCan } from '../../modules/access/policy.ts';
import { sendProblem } from '../errors.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { requireActor } from '../require-actor.ts';
import { openApiDocument } from './openapi.ts';
import { toJson } from '../../modules/reports/render/json.ts';
import { produceOutputReport } from '../../modules/reports/render/output.service.ts';
import { parseReportQuery } from '../reports/query.ts';

type ReportGet = { Params: { id: string }; Querystring: Record<string, unknown> };

export async function registerApiRoutes(app: FastifyInstance, { db, now, config }: RouteDeps): Promise<void> {
  app.get(urls.openApi, async () => openApiDocument(config.publicUrl));

  app.post(urls.apiNotifications, { config: { rateLimit: { max: 600, timeWindow: '1 minute' } } }, async (request, reply) => {
    const actor = requireActor(request);
    assertCan(actor, 'notification:record');
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return sendProblem(request, reply, { status: 400, title: 'The request body must be a JSON object', detail: 'Send one notification as a JSON object with the fields of the intake contract.' });
    }
    const parsed = parseNotification(body as Record<string, unknown>);
    if (!parsed.ok) {
      return sendProblem(request, reply, { status: 400, title: 'The notification is not valid', detail: parsed.errors.map((e) => e.message).join('; '), errors: parsed.errors.map((e) => ({ field: e.column, message: e.message })) });
    }
    const outcome = await recordMissingNotification(db, actor, parsed.value, { source: 'api', now: now() });
    return reply.code(outcome.status === 'accepted' ? 201 : 200).send({
      status: outcome.status,
      policeReference: parsed.value.policeReference,
      incidentId: outcome.incidentId,
      warnings: parsed.warnings,
    });
  });

  // A report's figures as JSON (the same as `homeward report --format json`): operational unless published=true.
  app.get<ReportGet>(urls.apiReport(':id'), { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (request) => {
    const { fy, quarter, published } = parseReportQuery(request.query);
    const report = await produceOutputReport(db, requireActor(request), { report: request.params.id, fy, quarter: quarter || null, published }, now());
    return toJson(report);
  });
}

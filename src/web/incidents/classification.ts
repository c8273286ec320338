/** Overriding where the child is counted as missing from, with a reason. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FieldProblem } from '../../modules/errors.ts';
import { CARE_STATUSES, CLASSIFICATION_LABELS } from '../../modules/missing/classification.ts';
import { overrideClassification } from '../../modules/missing/incident-correction.service.ts';
import { viewIncident, type IncidentPage } from '../../modules/missing/incident.service.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { formLocals, postedText, postedVersion, submitIncidentForm } from './form.ts';

type Params = { Params: { id: string } };

function renderClassification(reply: FastifyReply, page: IncidentPage, values: Record<string, string>, problems: FieldProblem[] = []): FastifyReply {
  return reply.view('incidents/classification.njk', {
    title: 'Change where the child was missing from', page, values,
    options: CARE_STATUSES.map((c) => ({ value: c, text: CLASSIFICATION_LABELS[c] })),
    ...formLocals(reply, problems),
  });
}

export function registerClassificationRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Params>(urls.incidentClassification(':id'), async (request, reply) => {
    const page = await viewIncident(db, requireActor(request), request.params.id, { for: 'incident:classify' });
    const i = page.incident;
    return renderClassification(reply, page, { version: String(i.version), classification: i.classification, responsibleAuthority: i.responsibleAuthority ?? '', reason: '' });
  });

  app.post<Params>(urls.incidentClassification(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, ['version', 'classification', 'responsibleAuthority', 'reason'] as const);
    const id = request.params.id;
    return submitIncidentForm({
      db, actor, request, reply, incidentId: id, now: now(),
      save: () => overrideClassification(db, actor, id, { ...values, version: postedVersion(values.version) }, now()),
      successText: 'Classification changed.',
      rerender: async (problems, status) => {
        const page = await viewIncident(db, actor, id, { for: 'incident:classify' });
        return renderClassification(reply.code(status), page, values, problems);
      },
    });
  });
}

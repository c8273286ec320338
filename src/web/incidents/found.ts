/** Recording that a missing child has been found: when, where, by whom, and whether they came to harm. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FieldProblem } from '../../modules/errors.ts';
import { FOUND_BY_OPTIONS, HARM_LABELS, HARM_LEVELS } from '../../modules/missing/incident-fields.ts';
import { markFound, viewIncident, type IncidentPage } from '../../modules/missing/incident.service.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { formLocals, postedText, postedVersion, submitIncidentForm } from './form.ts';

type Params = { Params: { id: string } };
const FIELDS = ['version', 'foundAt', 'foundLocation', 'foundPostcode', 'foundBy', 'harm', 'harmNotes'] as const;

function renderFound(reply: FastifyReply, page: IncidentPage, values: Record<string, string>, problems: FieldProblem[] = []): FastifyReply {
  const view = page.incident.foundAt ? 'incidents/already-found.njk' : 'incidents/found.njk';
  if (page.incident.foundAt) reply.code(409);
  return reply.view(view, {
    title: page.incident.foundAt ? 'The child is already recorded as found' : 'Record that the child has been found',
    page, values, foundByOptions: FOUND_BY_OPTIONS, harmOptions: HARM_LEVELS.map((h) => ({ value: h, text: HARM_LABELS[h] })),
    ...formLocals(reply, problems),
  });
}

export function registerFoundRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Params>(urls.incidentFound(':id'), async (request, reply) => {
    const page = await viewIncident(db, requireActor(request), request.params.id, { for: 'incident:mark-found' });
    return renderFound(reply, page, { version: String(page.incident.version) });
  });

  app.post<Params>(urls.incidentFound(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, FIELDS);
    const id = request.params.id;
    return submitIncidentForm({
      db, actor, request, reply, incidentId: id, now: now(),
      save: () => markFound(db, actor, id, { ...values, version: postedVersion(values.version) }, now()),
      successText: 'The child is recorded as found.',
      rerender: async (problems, status) => {
        const page = await viewIncident(db, actor, id, { for: 'incident:mark-found' });
        return renderFound(reply.code(status), page, values, problems);
      },
    });
  });
}

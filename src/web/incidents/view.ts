/** The incident page, with its re-grade form. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../modules/access/actor.ts';
import { can } from '../../modules/access/policy.ts';
import type { FieldProblem } from '../../modules/errors.ts';
import { regradeRisk, viewIncident, type IncidentPage } from '../../modules/missing/incident.service.ts';
import { RISK_GRADES } from '../../modules/missing/notification.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { formLocals, postedText, postedVersion, submitIncidentForm } from './form.ts';
import { incidentRows } from './present.ts';

type Params = { Params: { id: string } };

export function incidentActions(actor: Actor) {
  return {
    regrade: can(actor, 'incident:regrade'),
    markFound: can(actor, 'incident:mark-found'),
    correct: can(actor, 'incident:correct'),
    classify: can(actor, 'incident:classify'),
    policePacket: can(actor, 'philomena:view'),
  };
}

export function renderIncident(reply: FastifyReply, actor: Actor, page: IncidentPage, now: Date, form?: { values: Record<string, string>; problems: FieldProblem[] }): FastifyReply {
  return reply.view('incidents/view.njk', {
    title: `Incident ${page.incident.policeReference}`,
    page, now, rows: incidentRows(page, now), riskGrades: RISK_GRADES, can: incidentActions(actor),
    values: form?.values ?? { version: String(page.incident.version) },
    ...formLocals(reply, form?.problems ?? []),
  });
}

export function registerIncidentView(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Params>(urls.incident(':id'), async (request, reply) => {
    const actor = requireActor(request);
    const page = await viewIncident(db, actor, request.params.id);
    return renderIncident(reply, actor, page, now());
  });

  app.post<Params>(urls.incidentRisk(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, ['version', 'riskGrade', 'reason'] as const);
    const id = request.params.id;
    return submitIncidentForm({
      db, actor, request, reply, incidentId: id, now: now(),
      save: () => regradeRisk(db, actor, id, { ...values, version: postedVersion(values.version) }, now()),
      successText: `Risk re-graded to ${values.riskGrade}.`,
      rerender: async (problems, status) => {
        const page = await viewIncident(db, actor, id, { for: 'incident:regrade' });
        return renderIncident(reply.code(status), actor, page, now(), { values, problems });
      },
    });
  });
}

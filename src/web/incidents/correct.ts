/** Correcting one field of an incident, with a reason. First choose the field, then enter the new value. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FieldProblem } from '../../modules/errors.ts';
import { CORRECTABLE_FIELDS, isCorrectableField, TIME_FIELDS, type CorrectableField } from '../../modules/missing/incident-correction.ts';
import { correctIncident } from '../../modules/missing/incident-correction.service.ts';
import { fieldLabel } from '../../modules/missing/incident-fields.ts';
import { viewIncident, type IncidentPage } from '../../modules/missing/incident.service.ts';
import { formatUkDateTime } from '../../modules/missing/uk-time.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { formLocals, postedText, postedVersion, submitIncidentForm } from './form.ts';

type Params = { Params: { id: string }; Querystring: { field?: string } };

/** The value as the form shows it: UK date-times, district ids, text. */
function currentValue(page: IncidentPage, field: CorrectableField): string {
  const value = page.incident[field];
  if (value instanceof Date) return formatUkDateTime(value);
  return value === null ? '' : String(value);
}

function inputKind(field: CorrectableField): 'time' | 'district' | 'long' | 'short' {
  if (TIME_FIELDS.includes(field)) return 'time';
  if (field === 'districtId') return 'district';
  return field === 'missingFromPostcode' ? 'short' : 'long';
}

function renderCorrect(reply: FastifyReply, page: IncidentPage, field: CorrectableField | null, values: Record<string, string>, problems: FieldProblem[] = []): FastifyReply {
  return reply.view('incidents/correct.njk', {
    title: field ? `Correct: ${fieldLabel(field).toLowerCase()}` : 'Correct a detail of this incident',
    page, field, values, fieldLabel: field ? fieldLabel(field) : null, kind: field ? inputKind(field) : null,
    current: field ? currentValue(page, field) : null,
    fieldOptions: CORRECTABLE_FIELDS.map((f) => ({ value: f, text: fieldLabel(f), hint: { text: `Now: ${currentValue(page, f) || '(blank)'}` } })),
    ...formLocals(reply, problems),
  });
}

export function registerCorrectRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Params>(urls.incidentCorrect(':id'), async (request, reply) => {
    const page = await viewIncident(db, requireActor(request), request.params.id, { for: 'incident:correct' });
    const asked = request.query.field;
    const field = asked && isCorrectableField(asked) ? asked : null;
    const values = { version: String(page.incident.version), value: field ? currentValue(page, field) : '', reason: '' };
    const problems = asked && !field ? [{ field: 'field', message: 'Select the detail to correct' }] : [];
    return renderCorrect(reply.code(problems.length ? 400 : 200), page, field, values, problems);
  });

  app.post<Params>(urls.incidentCorrect(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, ['version', 'field', 'value', 'reason'] as const);
    const id = request.params.id;
    const field = isCorrectableField(values.field) ? values.field : null;
    return submitIncidentForm({
      db, actor, request, reply, incidentId: id, now: now(), ruleField: 'value',
      save: () => correctIncident(db, actor, id, { ...values, version: postedVersion(values.version) }, now()),
      successText: `Correction saved: ${field ? fieldLabel(field).toLowerCase() : 'detail'}.`,
      rerender: async (problems, status) => {
        const page = await viewIncident(db, actor, id, { for: 'incident:correct' });
        return renderCorrect(reply.code(status), page, field, values, problems);
      },
    });
  });
}

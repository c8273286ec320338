/** Find a child, the child record, and recording a change of care status. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { can } from '../../modules/access/policy.ts';
import { careStatusLabel } from '../../modules/children/care-status.ts';
import { careStatusForm, recordCareStatus } from '../../modules/children/care-status.service.ts';
import { searchChildren, SEARCH_LIMIT } from '../../modules/children/child-search.service.ts';
import { viewChildRecord } from '../../modules/children/child-record.service.ts';
import { withEntries } from '../../modules/children/chronology-exploitation.ts';
import { childExploitationSummary } from '../../modules/exploitation/overview.service.ts';
import { ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import { CARE_STATUS_LABELS, CARE_STATUSES } from '../../modules/missing/classification.ts';
import { londonDate } from '../../modules/missing/uk-time.ts';
import { formLocals, postedText } from '../incidents/form.ts';
import { escapeHtml } from '../incidents/present.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

type Params = { Params: { id: string } };
const CARE_FIELDS = ['status', 'startsOn', 'placement', 'outOfArea', 'responsibleAuthority'] as const;

async function renderCareForm(reply: FastifyReply, form: Awaited<ReturnType<typeof careStatusForm>>, values: Record<string, string>, problems: FieldProblem[] = []) {
  return reply.view('children/care-status.njk', {
    title: 'Record a change of care status', form, values, currentLabel: form.current ? careStatusLabel(form.current.status) : null,
    currentSince: form.current ? londonDate(form.current.startsAt) : null, currentUntil: form.current?.endsAt ? londonDate(form.current.endsAt) : null,
    statusOptions: CARE_STATUSES.map((s) => ({ value: s, text: CARE_STATUS_LABELS[s] })),
    ...formLocals(reply, problems),
  });
}

export function registerChildrenRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<{ Querystring: { q?: string } }>(urls.children, async (request, reply) => {
    const q = typeof request.query.q === 'string' ? request.query.q : '';
    const result = await searchChildren(db, requireActor(request), q, now());
    return reply.view('children/search.njk', { title: result ? 'Find a child: results' : 'Find a child', q, result, limit: SEARCH_LIMIT });
  });

  app.get<Params>(urls.child(':id'), async (request, reply) => {
    const actor = requireActor(request);
    const at = now();
    const view = await viewChildRecord(db, actor, request.params.id, at);
    if (view.kind === 'merged') return reply.redirect(urls.child(view.mergedInto));
    const { child } = view.record;
    // The exploitation section: only for those with a need to know, or who manage allocations (modules/exploitation).
    const exploitation = await childExploitationSummary(db, actor, child.id, at);
    const record = { ...view.record, chronology: withEntries(view.record.chronology, exploitation?.chronology ?? []) };
    return reply.view('children/record.njk', {
      title: `${child.forename} ${child.surname}`, record, now: at, exploitation,
      can: { recordCareStatus: can(actor, 'care-status:record'), completeTasks: can(actor, 'task:complete'), viewPhilomena: can(actor, 'philomena:view') },
    });
  });

  app.get<Params>(urls.childCareStatus(':id'), async (request, reply) => {
    const form = await careStatusForm(db, requireActor(request), request.params.id);
    return renderCareForm(reply, form, { outOfArea: 'no' });
  });

  app.post<Params>(urls.childCareStatus(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, CARE_FIELDS);
    try {
      const recorded = await recordCareStatus(db, actor, request.params.id, values, now());
      const links = recorded.incidentsToReview.map((i) => `<a class="govuk-notification-banner__link" href="${urls.incidentClassification(i.id)}">${escapeHtml(i.policeReference)}</a>`);
      const review = links.length ? `<p class="govuk-body">Incidents since that date are counted differently and were not changed. Check each one: ${links.join(', ')}.</p>` : '';
      request.session.flash = { title: 'Success', html: `<p class="govuk-notification-banner__heading">Care status recorded.</p>${review}` };
      return reply.redirect(urls.child(request.params.id));
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const form = await careStatusForm(db, actor, request.params.id);
      return renderCareForm(reply.code(400), form, values, error.problems);
    }
  });
}

/** The panels: the list, one panel's page (monitoring list, search to add, members, meetings) and its forms. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../modules/access/actor.ts';
import { can } from '../../modules/access/policy.ts';
import { ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import { dayText } from '../../modules/exploitation/agenda.ts';
import { planMeeting } from '../../modules/exploitation/panel-meetings.service.ts';
import { removeFields } from '../../modules/exploitation/panel-forms.ts';
import { addToMonitoring, AlreadyOnList, listPanels, removeFromMonitoring, viewPanel, type PanelPage } from '../../modules/exploitation/panels.service.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { flashWithAdvice, formLocals, postedText, queryText } from './present.ts';

type Params = { Params: { id: string } };
type Form = { values?: Record<string, string>; problems?: FieldProblem[]; openEntry?: string };

const STATUS_LABELS: Record<string, string> = { planned: 'Planned', held: 'Held' };

function renderPanel(reply: FastifyReply, actor: Actor, page: PanelPage, form: Form = {}): FastifyReply {
  return reply.view('panels/panel.njk', {
    title: page.panel.name, page, statusLabels: STATUS_LABELS, canManage: can(actor, 'panel:manage'),
    values: form.values ?? {}, openEntry: form.openEntry ?? null, removeFields,
    ...formLocals(reply, form.problems ?? []),
  });
}

export function registerPanelPageRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get(urls.panels, async (request, reply) => {
    const actor = requireActor(request);
    const panels = await listPanels(db, actor, now());
    return reply.view('panels/list.njk', { title: 'Panels', panels: panels.map((p) => ({ ...p, nextMeetingText: p.nextMeetingOn ? dayText(p.nextMeetingOn) : null })) });
  });

  app.get<Params & { Querystring: { q?: string } }>(urls.panel(':id'), async (request, reply) => {
    const actor = requireActor(request);
    const q = queryText(request.query.q);
    return renderPanel(reply, actor, await viewPanel(db, actor, request.params.id, { q }), { values: { q } });
  });

  app.post<Params>(urls.panelMonitoring(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, ['childId', 'reason', 'q', 'returnTo'] as const);
    try {
      const added = await addToMonitoring(db, actor, request.params.id, values, now());
      flashWithAdvice(request, `${added.name} was added to the monitoring list.`, added.advice);
      return reply.redirect(/^[0-9a-f-]{36}$/i.test(values.returnTo) ? urls.panelMeeting(values.returnTo) : urls.panel(added.panel.id));
    } catch (error) {
      const problems = error instanceof ValidationFailed ? error.problems : error instanceof AlreadyOnList ? [{ field: 'monitoring', message: error.message }] : null;
      if (!problems) throw error;
      const page = await viewPanel(db, actor, request.params.id, { q: values.q, adding: values.childId });
      return renderPanel(reply.code(error instanceof AlreadyOnList ? 409 : 400), actor, page, { values, problems });
    }
  });

  app.post<{ Params: { id: string; entryId: string } }>(urls.panelMonitoringRemove(':id', ':entryId'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const { id, entryId } = request.params;
    const f = removeFields(entryId);
    const values = postedText(request, [f.removedOn, f.reason]);
    try {
      const removed = await removeFromMonitoring(db, actor, id, entryId, { removedOn: values[f.removedOn] ?? '', reason: values[f.reason] ?? '' }, now());
      flashWithAdvice(request, `${removed.name} was taken off the monitoring list.`, removed.advice);
      return reply.redirect(urls.panel(removed.panel.id));
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return renderPanel(reply.code(400), actor, await viewPanel(db, actor, id), { values, problems: error.problems, openEntry: entryId });
    }
  });

  app.post<Params>(urls.panelMeetings(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, ['meetsOn'] as const);
    try {
      const planned = await planMeeting(db, actor, request.params.id, values);
      request.session.flash = { title: 'Success', text: `Meeting planned for ${dayText(planned.meetsOn)}. Generate its agenda when you are ready.` };
      return reply.redirect(urls.panelMeeting(planned.id));
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return renderPanel(reply.code(400), actor, await viewPanel(db, actor, request.params.id), { values, problems: error.problems });
    }
  });
}

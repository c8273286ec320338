/** The action tracker across panel meetings, and marking an action done. */
import type { FastifyInstance } from 'fastify';
import { can } from '../../modules/access/policy.ts';
import { actionTracker, markPanelActionDone } from '../../modules/exploitation/panel-actions.service.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { postedText, queryText } from './present.ts';

type TrackerQuery = { Querystring: { panel?: string; agency?: string; overdue?: string } };

export function registerPanelActionRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<TrackerQuery>(urls.actionTracker, async (request, reply) => {
    const actor = requireActor(request);
    const filter = { panelId: queryText(request.query.panel), agencyId: queryText(request.query.agency), overdueOnly: request.query.overdue === 'yes' };
    const tracker = await actionTracker(db, actor, filter, now());
    return reply.view('panels/tracker.njk', { title: 'Action tracker', ...tracker, filter, canManage: can(actor, 'panel:manage') });
  });

  app.post<{ Params: { id: string } }>(urls.panelActionDone(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const { returnTo } = postedText(request, ['returnTo'] as const);
    const done = await markPanelActionDone(db, requireActor(request), request.params.id, now());
    request.session.flash = { title: 'Success', text: 'The action is marked as done.' };
    return reply.redirect(returnTo === 'meeting' ? urls.panelMeeting(done.meetingId) : urls.actionTracker);
  });
}

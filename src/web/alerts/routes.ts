/** The notification centre, acknowledging an alert, and the one-time confirmation page for other authorities. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ALERT_LABELS, type AlertKind } from '../../modules/alerts/alert-kinds.ts';
import { acknowledgeAlert, alertForConfirmation, confirmAlertByLink, notificationCentre, openAlertCount } from '../../modules/alerts/alerts.service.ts';
import { Conflict } from '../../modules/errors.ts';
import { can } from '../../modules/access/policy.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

type Params = { Params: { id: string } };
type TokenParams = { Params: { token: string } };

const ConfirmForm = z.object({ name: z.string().trim().max(100).default('') });

export function registerAlertRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<{ Querystring: { show?: string } }>(urls.alerts, async (request, reply) => {
    const actor = requireActor(request);
    const filter = request.query.show === 'all' ? 'all' : 'open';
    const centre = await notificationCentre(db, actor, filter);
    const rows = centre.rows.map((a) => ({ ...a, label: ALERT_LABELS[a.kind as AlertKind] ?? a.kind, canFollow: a.childId ? can(actor, 'child:view') || can(actor, 'rhi:view') : false }));
    return reply.view('alerts/list.njk', { title: 'Alerts', filter, open: centre.open, rows });
  });

  app.get(urls.alertCount, async (request, reply) => {
    const open = await openAlertCount(db, requireActor(request));
    return reply.header('cache-control', 'no-store').send({ open });
  });

  app.post<Params>(urls.alertAcknowledge(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    try {
      await acknowledgeAlert(db, actor, request.params.id, now());
      request.session.flash = { title: 'Success', text: 'The alert is acknowledged.' };
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      request.session.flash = { title: 'Important', text: error.message };
    }
    return reply.redirect(urls.alerts);
  });

  app.get<TokenParams>(urls.alertConfirm(':token'), async (request, reply) => {
    const alert = await alertForConfirmation(db, request.params.token);
    if (!alert) return reply.code(404).view('alerts/confirm-unknown.njk', { title: 'This link is not valid' });
    return reply.view('alerts/confirm.njk', { title: 'Confirm you have received this alert', alert, label: ALERT_LABELS[alert.kind as AlertKind], csrfToken: reply.generateCsrf(), values: {} });
  });

  app.post<TokenParams>(urls.alertConfirm(':token'), { preHandler: app.csrfProtection, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const token = request.params.token;
    const form = ConfirmForm.parse(request.body ?? {});
    const alert = await alertForConfirmation(db, token);
    if (!alert) return reply.code(404).view('alerts/confirm-unknown.njk', { title: 'This link is not valid' });
    if (!form.name) {
      const errors = [{ text: 'Enter your name', href: '#name' }];
      return reply.code(400).view('alerts/confirm.njk', { title: 'Confirm you have received this alert', alert, label: ALERT_LABELS[alert.kind as AlertKind], csrfToken: reply.generateCsrf(), errors, values: form });
    }
    const outcome = await confirmAlertByLink(db, token, form.name, now());
    return reply.view('alerts/confirmed.njk', { title: 'Thank you', already: outcome === 'already' });
  });
}

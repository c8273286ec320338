/** What every page template needs: the user, the CSRF token, the CSP nonce, the navigation, a flash message. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLE_LABELS } from '../../modules/access/actor.ts';
import { can } from '../../modules/access/policy.ts';
import type { Actor } from '../../modules/access/actor.ts';
import { NAVIGATION, urls } from '../urls.ts';

/** The CSRF token sent with a form: a hidden `_csrf` field, or for streamed uploads the query string. */
export function csrfTokenOf(request: FastifyRequest): string | undefined {
  const body = request.body;
  if (body && typeof body === 'object' && '_csrf' in body && typeof body._csrf === 'string') return body._csrf;
  const query = request.query;
  if (query && typeof query === 'object' && '_csrf' in query && typeof query._csrf === 'string') return query._csrf;
  const header = request.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

export interface LocalsDeps {
  /** The number shown on the "Alerts" navigation item. */
  openAlerts: (actor: Actor) => Promise<number>;
}

export function registerLocals(app: FastifyInstance, deps: LocalsDeps): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/api/')) return;
    const actor = request.actor;
    const flash = request.session?.flash;
    if (flash) request.session.flash = undefined;
    const navigation = actor ? NAVIGATION.filter((item) => can(actor, item.action)) : [];
    const alertCount = actor && navigation.some((n) => n.href === urls.alerts) && request.method === 'GET' ? await deps.openAlerts(actor) : 0;
    reply.locals = {
      cspNonce: reply.cspNonce?.script,
      csrfToken: actor && request.method === 'GET' ? reply.generateCsrf() : undefined,
      currentPath: request.url.split('?')[0],
      flash,
      user: actor
        ? { name: actor.displayName, role: ROLE_LABELS[actor.role], authority: actor.authorityCode }
        : null,
      navigation,
      alertCount,
    };
  });
}

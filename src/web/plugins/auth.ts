/**
 * Who is asking: a session user for pages, an API key for /api. Pages need a signed-in user except the few
 * public ones; the API needs a key. Per-action permission checks happen in the services. A session that has
 * passed the password but not the second factor has no actor: it reaches the second-factor pages and sign-out.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import { actorForApiKey } from '../../modules/users/api-keys.service.ts';
import { actorForUser } from '../../modules/users/users.service.ts';
import { pendingOf, pendingPage, type PendingSignIn } from '../auth/sign-in-flow.ts';
import { ApiUnauthorised } from '../errors.ts';
import { urls } from '../urls.ts';

const PUBLIC_PREFIXES = ['/sign-in', '/health', '/assets/', '/moj/', '/static/', '/api/openapi.json', '/favicon.ico', '/feedback/', '/alert-confirmation/'];

const isPublic = (url: string) => PUBLIC_PREFIXES.some((p) => url === p || url.startsWith(p.endsWith('/') ? p : `${p}?`) || url.startsWith(p.endsWith('/') ? p : `${p}/`));

function bearerKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey : null;
}

export function registerAuth(app: FastifyInstance, db: Database): void {
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (request, reply) => {
    const url = request.url;
    if (url.startsWith('/api/') && !isPublic(url)) {
      const key = bearerKey(request);
      request.actor = key ? await actorForApiKey(db, key, request.id) : null;
      if (!request.actor) throw new ApiUnauthorised();
      return;
    }
    const userId = request.session?.userId;
    if (userId) request.actor = await actorForUser(db, userId, request.id);
    if (request.actor || isPublic(url)) return;
    // Password given, second factor not yet: only the steps that finish (or abandon) signing in are open.
    const pending = pendingOf(request);
    if (pending) {
      if (allowedWhilePending(request.method, url, pending)) return;
      return reply.redirect(pendingPage(pending));
    }
    if (request.method === 'GET') request.session.returnTo = url;
    return reply.redirect('/sign-in');
  });
}

function allowedWhilePending(method: string, url: string, pending: PendingSignIn): boolean {
  const path = url.split('?')[0];
  if (method === 'POST' && path === urls.signOut) return true;
  return pending.need === 'setup' && path === urls.mfaSetup;
}

/**
 * The session's idle clock on the server. Every request by a signed-in person that they made themselves (a page
 * opened, a form or a draft sent) moves the end of their session on; what scripts do in the background (live
 * updates, the alert count, asking when the session ends) does not, or an unattended screen would never time out.
 * Also: what the layout needs for the timeout warning, and a saved form's draft discarded once it is saved.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { isDraftKey } from '../../modules/drafts/draft-data.ts';
import { discardDraft } from '../../modules/drafts/drafts.service.ts';
import { DatabaseSessionStore } from '../plugins/session-store.ts';
import { urls } from '../urls.ts';
import { draftRoutes } from './urls.ts';

/** GETs that only scripts and stylesheets make. */
const BACKGROUND = ['/static/', '/assets/', '/moj/', urls.liveEvents, urls.alertCount, draftRoutes.draft, urls.sessionKeepAlive];
/** The GOV.UK pattern warns two minutes before; a very short configured timeout is warned at its half-way point. */
const WARNING_SECONDS = 120;

const ends = new WeakMap<FastifyRequest, Date>();

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? '';

export function isActivity(request: FastifyRequest): boolean {
  const path = pathOf(request);
  // "Stay signed in" moves the end on by itself; asking when the session ends is not activity.
  if (path === urls.sessionKeepAlive) return false;
  if (request.method !== 'GET' && request.method !== 'HEAD') return true;
  if (BACKGROUND.some((prefix) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))) return false;
  // Browsers mark what a script fetches ("cors", "same-origin"); a page someone opens is "navigate".
  const mode = request.headers['sec-fetch-mode'];
  return mode === undefined || mode === 'navigate';
}

export function sessionStoreOf(request: FastifyRequest): DatabaseSessionStore | null {
  const store = request.sessionStore;
  return store instanceof DatabaseSessionStore ? store : null;
}

export interface SessionEnd {
  expiresAt: string;
  /** How long is left, so that a script need not trust its own clock to agree with the server's. */
  expiresInMs: number;
}

export const describeEnd = (end: Date): SessionEnd => ({ expiresAt: end.toISOString(), expiresInMs: Math.max(0, end.getTime() - Date.now()) });

/** The end of this request's session after its activity counted, for scripts to plan their warning by. */
export function sessionEndAfter(request: FastifyRequest): SessionEnd | null {
  const end = ends.get(request);
  return end ? describeEnd(end) : null;
}

export function registerSessionActivity(app: FastifyInstance, { db, config }: { db: Database; config: Config }): void {
  // Runs after the session plugin has read the session (hooks run in the order they were added).
  app.addHook('onRequest', async (request) => {
    const session = request.session;
    const store = sessionStoreOf(request);
    if (!session?.userId || !store || !isActivity(request)) return;
    try {
      const end = await store.touch(session.sessionId);
      if (end) ends.set(request, end);
    } catch (error) {
      request.log.warn({ code: (error as { code?: string }).code ?? 'none' }, 'could not extend a session');
    }
  });

  const idleSeconds = config.sessionIdleMinutes * 60;
  app.addHook('preHandler', async (request, reply) => {
    if (request.actor?.kind !== 'user' || !reply.locals) return;
    reply.locals.sessionTimeout = {
      idleSeconds, warningSeconds: Math.min(WARNING_SECONDS, idleSeconds / 2),
      draftUrl: urls.draft(''), draftDiscardUrl: urls.draftDiscard(''), keepAliveUrl: urls.sessionKeepAlive, timedOutUrl: urls.sessionTimedOut,
    };
  });

  // A form saved (the app's post/redirect/get) no longer needs its draft; a form sent back with errors (400) keeps it.
  app.addHook('onSend', async (request, reply, payload) => {
    const actor = request.actor;
    const path = pathOf(request);
    if (request.method !== 'POST' || actor?.kind !== 'user' || reply.statusCode < 300 || reply.statusCode >= 400 || !isDraftKey(path)) return payload;
    try {
      await discardDraft(db, actor, path);
    } catch (error) {
      request.log.warn({ code: (error as { code?: string }).code ?? 'none' }, 'could not discard the draft of a saved form');
    }
    return payload;
  });
}

/**
 * Saved drafts of long forms and the session's keep-alive (issue 6). These answer the page's script in JSON;
 * the pages themselves work without it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDraftKey, parseDraftBody } from '../../modules/drafts/draft-data.ts';
import { discardDraft, readDraft, saveDraft } from '../../modules/drafts/drafts.service.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { describeEnd, registerSessionActivity, sessionEndAfter, sessionStoreOf, type SessionEnd } from './session-activity.ts';
import { draftRoutes } from './urls.ts';

type KeyQuery = { Querystring: { form?: unknown } };
type TimedOutQuery = { Querystring: { from?: unknown; drafts?: unknown } };

/** A path on this site to return to after signing in again: no other site, no backslash tricks. */
const RETURN_PATH = /^\/(?![/\\])[!-[\]-~]{0,500}$/;

function refuse(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ error: message });
}

/** The form a draft belongs to: the path it posts to, or null if the query names none. */
const formOf = (request: FastifyRequest<KeyQuery>) => (typeof request.query.form === 'string' && isDraftKey(request.query.form) ? request.query.form : null);

const notAForm = (reply: FastifyReply) => refuse(reply, 400, 'This is not the address of a form, so it has no draft.');

/** When the session ends as the database has it, or (`force`) after moving it on: "Stay signed in". */
async function sessionEnd(request: FastifyRequest, force: boolean): Promise<SessionEnd | null> {
  const store = sessionStoreOf(request);
  const sid = request.session?.sessionId;
  const end = store && sid ? await (force ? store.touch(sid, { force }) : store.endOf(sid)) : null;
  return end ? describeEnd(end) : null;
}

export function registerDraftRoutes(app: FastifyInstance, { db, config, now }: RouteDeps): void {
  registerSessionActivity(app, { db, config });

  app.get<KeyQuery>(draftRoutes.draft, async (request, reply) => {
    const actor = requireActor(request);
    const key = formOf(request);
    if (!key) return notAForm(reply);
    const draft = await readDraft(db, actor, key, now());
    if (!draft) return refuse(reply, 404, 'There is no saved draft of this form.');
    return { data: draft.data, savedAt: draft.savedAt.toISOString() };
  });

  app.post<KeyQuery>(draftRoutes.draft, { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const key = formOf(request);
    if (!key) return notAForm(reply);
    const parsed = parseDraftBody(request.body);
    if (!parsed.ok) return refuse(reply, parsed.status, parsed.message);
    const draft = await saveDraft(db, actor, key, parsed.data, now());
    return { savedAt: draft.savedAt.toISOString(), session: sessionEndAfter(request) };
  });

  app.post<KeyQuery>(draftRoutes.discard, { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const key = formOf(request);
    if (!key) return notAForm(reply);
    await discardDraft(db, actor, key);
    return reply.code(204).send();
  });

  // When the session ends, as the database has it: another tab may have kept it alive. Asking is not activity.
  app.get(urls.sessionKeepAlive, async (request, reply) => {
    requireActor(request);
    return (await sessionEnd(request, false)) ?? refuse(reply, 401, 'Your session has ended. Sign in again.');
  });

  // "Stay signed in".
  app.post(urls.sessionKeepAlive, { preHandler: app.csrfProtection }, async (request, reply) => {
    requireActor(request);
    return (await sessionEnd(request, true)) ?? refuse(reply, 401, 'Your session has ended. Sign in again.');
  });

  // The page's script comes here once it has saved the drafts and signed out: the sign-in page says why, and
  // signing in again returns to the page.
  app.get<TimedOutQuery>(urls.sessionTimedOut, async (request, reply) => {
    if (request.actor) return reply.redirect(urls.home);
    const { from, drafts } = request.query;
    const minutes = config.sessionIdleMinutes === 1 ? '1 minute' : `${config.sessionIdleMinutes} minutes`;
    const typed = drafts === 'unsaved' ? 'Some of what you typed may not have been saved.' : 'Anything you typed has been saved as a draft.';
    request.session.flash = { title: 'Important', text: `You were signed out after ${minutes} without activity. ${typed}` };
    if (typeof from === 'string' && RETURN_PATH.test(from)) request.session.returnTo = from;
    return reply.redirect(urls.signIn);
  });
}

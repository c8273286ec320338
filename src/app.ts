/**
 * buildApp wires the web app and the API together, in a fixed order: each step relies on the ones above it.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import session from '@fastify/session';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { registerRoutes } from './web/routes.ts';
import { registerAuth } from './web/plugins/auth.ts';
import { DatabaseSessionStore } from './web/plugins/session-store.ts';
import { registerSecurity } from './web/plugins/security.ts';
import { GOVUK_DIST, MOJ_ROOT, registerViews } from './web/plugins/views.ts';
import { registerErrorHandling } from './web/errors.ts';
import { csrfTokenOf, registerLocals } from './web/plugins/locals.ts';
import { openAlertCount } from './modules/alerts/alerts.service.ts';
import { smtpSender } from './modules/alerts/mailer.ts';
import { startAlertWork } from './modules/alerts/scheduler.ts';
import { startAuditSealer } from './modules/audit/chain.ts';
import { LiveHub } from './modules/live/hub.ts';
import type { RouteDeps } from './web/routes.ts';

export interface AppDeps {
  config: Config;
  db: Database;
  /** The clock, so tests can fix "now". */
  now?: () => Date;
  /** Sweeps and e-mail delivery in this process (the server: yes; most tests: no, they call them directly). */
  backgroundWork?: boolean;
  /** Told of every route as it is registered (the route × role access test lists them all this way). */
  onRoute?: (route: RouteOptions) => void;
}

export const SESSION_MAX_AGE_MS = 8 * 3600 * 1000;
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // No personal data in logs: requests are logged by method, route and id only (no query strings).
      serializers: { req: (req) => ({ method: req.method, route: req.routeOptions?.url, id: req.id }) },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    genReqId: (req) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: config.env === 'production',
    bodyLimit: 1024 * 1024,
  });
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);

  // 1. Security headers (CSP nonce) and no-store on every page.
  await registerSecurity(app);
  // 2. Bodies: HTML forms and file uploads (streamed, never buffered whole).
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  // 3. Static assets of the design systems.
  await app.register(fastifyStatic, { root: join(GOVUK_DIST, 'govuk', 'assets'), prefix: '/assets/', maxAge: '1d' });
  await app.register(fastifyStatic, { root: GOVUK_DIST, prefix: '/static/govuk/', decorateReply: false });
  await app.register(fastifyStatic, { root: join(MOJ_ROOT, 'moj'), prefix: '/moj/', decorateReply: false });
  await app.register(fastifyStatic, { root: join(import.meta.dirname, 'web', 'public'), prefix: '/static/app/', decorateReply: false });
  // 4. Sessions in the database, then CSRF tokens kept in them.
  await app.register(cookie);
  const store = new DatabaseSessionStore(db, SESSION_MAX_AGE_MS, config.sessionIdleMinutes * 60_000);
  await app.register(session, {
    secret: config.sessionSecret,
    cookieName: 'homeward.sid',
    store,
    saveUninitialized: false,
    // Saved only when it changes: a session write on every page view would make each request a database write.
    rolling: false,
    cookie: { secure: config.secureCookies, httpOnly: true, sameSite: 'lax', maxAge: SESSION_MAX_AGE_MS, path: '/' },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/session', getToken: csrfTokenOf });
  // 5. Rate limits are set per route (sign-in, API); none globally.
  await app.register(rateLimit, { global: false });
  // 6. Templates, then who is asking, then what every page needs to know.
  await registerViews(app);
  registerAuth(app, db);
  registerLocals(app, { openAlerts: (actor) => openAlertCount(db, actor) });
  // 7. Routes, then the one place errors become responses.
  registerErrorHandling(app);
  const now = deps.now ?? (() => new Date());
  // Live updates: committed changes announce themselves (NOTIFY); the hub passes them to SSE streams here.
  const live = new LiveHub();
  await live.start(db);
  app.addHook('preClose', async () => live.stop());
  await registerRoutes(app, { db, config, now, live });
  if (deps.backgroundWork) startBackgroundWork(app, { db, config, now, live });
  // Expired sessions are removed at start-up and hourly, so a long-running instance does not collect them.
  await store.prune();
  const pruning = setInterval(() => void store.prune().catch((error: unknown) => app.log.warn({ err: error }, 'session prune failed')), 3600_000);
  pruning.unref();
  app.addHook('onClose', async () => clearInterval(pruning));
  return app;
}

/** Escalations, overdue clocks and e-mail delivery, for as long as the app runs. */
function startBackgroundWork(app: FastifyInstance, deps: RouteDeps): void {
  const { smtpUrl, from } = deps.config.mail;
  const mailer = smtpUrl ? smtpSender(smtpUrl, from) : null;
  const work = startAlertWork({
    db: deps.db, hub: deps.live, send: mailer?.send ?? null, publicUrl: deps.config.publicUrl, now: deps.now,
    intervalMs: deps.config.alertIntervalSeconds * 1000,
    onError: (error) => app.log.warn({ code: (error as { code?: string }).code ?? 'none' }, 'alert work failed; retrying next pass'),
  });
  app.addHook('preClose', startAuditSealer(deps.db, deps.now, (error) => app.log.warn({ code: (error as { code?: string }).code ?? 'none' }, 'audit sealing failed; retrying next pass')));
  app.addHook('onReady', async () => void work.runNow());
  app.addHook('preClose', async () => {
    await work.stop();
    mailer?.close();
  });
}

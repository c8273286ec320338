/**
 * The steps of signing in kept in the session: after the password (or the organisation's sign-in) a person may
 * still owe a second factor ("pending"); only once everything is given does the session carry their user id.
 * Each step gets a new session id, so an id planted or seen before it is worth nothing after it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { SsoChecks } from '../../modules/users/sso-client.ts';
import { LOCKOUT_MINUTES } from '../../modules/users/users.service.ts';
import { urls } from '../urls.ts';

export interface PendingSignIn {
  userId: string;
  /** code: a code from their app or a recovery code; setup: their authority requires an app they have not set up. */
  need: 'code' | 'setup';
  method: 'password' | 'sso';
  /** Epoch milliseconds after which the password must be given again. */
  until: number;
}

declare module 'fastify' {
  interface Session {
    pendingSignIn?: PendingSignIn;
    /** The sealed secret of an app being set up, until a code from the app confirms it. */
    mfaSetup?: string;
    /** The checks of a single sign-on under way, until the organisation's service sends the person back. */
    sso?: SsoChecks;
  }
}

export const PENDING_MINUTES = 10;

/** The same limit on every form that checks a password or a code: 20 a minute from one address. */
export const SIGN_IN_RATE_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/**
 * Where to go after signing in: only a path of this site. Browsers treat `//host` and `/\host` (and the same with
 * tabs or newlines, which they strip) as another site, so anything but a plain path goes home.
 */
export const safeReturn = (path: string | undefined) => (path && /^\/(?![/\\])[^\s\\]*$/.test(path) ? path : urls.home);

export function pendingOf(request: FastifyRequest): PendingSignIn | null {
  const pending = request.session?.pendingSignIn;
  return pending && pending.until > Date.now() ? pending : null;
}

/** Where a pending sign-in continues. */
export const pendingPage = (pending: PendingSignIn) => (pending.need === 'setup' ? urls.mfaSetup : urls.signInMfa);

export async function beginPending(request: FastifyRequest, userId: string, need: PendingSignIn['need'], method: PendingSignIn['method']): Promise<string> {
  await request.session.regenerate(['returnTo']);
  request.session.pendingSignIn = { userId, need, method, until: Date.now() + PENDING_MINUTES * 60_000 };
  return need === 'setup' ? urls.mfaSetup : urls.signInMfa;
}

/** The person is in: a new session holding only their id. Returns where to go next. */
export async function completeSignIn(request: FastifyRequest, userId: string): Promise<string> {
  const returnTo = request.session.returnTo;
  await request.session.regenerate();
  request.session.userId = userId;
  return safeReturn(returnTo);
}

/** Ends whatever sign-in was under way, keeping a session only for the next page's form token. */
export async function abandonSignIn(request: FastifyRequest): Promise<void> {
  await request.session.regenerate();
}

export const LOCKED_MESSAGE = `Your account is locked after too many attempts. Try again in ${LOCKOUT_MINUTES} minutes or ask your administrator.`;

/** The sign-in page, with the organisation's button when single sign-on is set up. */
export function renderSignIn(reply: FastifyReply, config: Config, extra: { errors?: { text: string; href: string }[]; values?: Record<string, string> } = {}): FastifyReply {
  if (extra.errors?.length) reply.code(400);
  return reply.view('auth/sign-in.njk', {
    title: 'Sign in', csrfToken: reply.generateCsrf(), values: extra.values ?? {}, errors: extra.errors ?? [],
    ssoLabel: config.oidc?.label ?? null,
  });
}

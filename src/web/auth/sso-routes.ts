/**
 * Single sign-on: off to the organisation's OpenID Connect service and back. Homeward never learns the person's
 * organisation password; it matches the identity the service vouches for to a user set up here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import { NotFound } from '../../modules/errors.ts';
import { SsoClient, SsoResponseRefused, SsoUnavailable, type SsoChecks } from '../../modules/users/sso-client.ts';
import { recordSsoFailure, signInWithSso, type SsoRefusal } from '../../modules/users/sso.service.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { beginPending, completeSignIn } from './sign-in-flow.ts';

type Problem = 'unavailable' | 'incomplete' | SsoRefusal;

const PAGES: Record<Problem, { status: number; title: string }> = {
  unavailable: { status: 503, title: 'Signing in with your organisation is not available' },
  incomplete: { status: 400, title: 'Signing in with your organisation did not finish' },
  unknown: { status: 403, title: 'Your organisation account is not set up in Homeward' },
  'email-not-verified': { status: 403, title: 'Your organisation account is not set up in Homeward' },
  'linked-to-another': { status: 403, title: 'Your organisation account is not set up in Homeward' },
  disabled: { status: 403, title: 'Your Homeward account is not active' },
};

function renderProblem(reply: FastifyReply, problem: Problem, label: string): FastifyReply {
  const { status, title } = PAGES[problem];
  return reply.code(status).view('auth/sso-problem.njk', { title, problem, label });
}

export function registerSsoRoutes(app: FastifyInstance, { db, config }: RouteDeps): void {
  const client = config.oidc ? new SsoClient(config.oidc, `${config.publicUrl}${urls.signInSsoCallback}`) : null;
  const label = config.oidc?.label ?? '';
  const requireClient = () => {
    if (!client) throw new NotFound('Signing in with an organisation account is not set up here');
    return client;
  };

  app.get(urls.signInSso, async (request, reply) => {
    const sso = requireClient();
    if (request.actor) return reply.redirect(urls.home);
    try {
      const { url, checks } = await sso.start();
      request.session.sso = checks;
      return reply.redirect(url);
    } catch (error) {
      if (!(error instanceof SsoUnavailable)) throw error;
      request.log.warn('single sign-on: the issuer could not be reached');
      return renderProblem(reply, 'unavailable', label);
    }
  });

  app.get(urls.signInSsoCallback, async (request, reply) => {
    const sso = requireClient();
    const checks = request.session.sso;
    // Used once: a second visit to the same address (back button, a copied link) starts nothing.
    request.session.sso = undefined;
    if (!checks) return renderProblem(reply, 'incomplete', label);
    const result = await finishSignIn({ db, publicUrl: config.publicUrl, sso, checks, request });
    return 'next' in result ? reply.redirect(result.next) : renderProblem(reply, result.problem, label);
  });
}

interface Callback {
  db: Database;
  publicUrl: string;
  sso: SsoClient;
  checks: SsoChecks;
  request: FastifyRequest;
}

/** Checks the answer and matches the person: where they go next (in, or on to a second factor), or what went wrong. */
async function finishSignIn({ db, publicUrl, sso, checks, request }: Callback): Promise<{ next: string } | { problem: Problem }> {
  try {
    const assertion = await sso.finish(new URL(request.url, publicUrl), checks);
    const outcome = await signInWithSso(db, assertion, request.id);
    if (!outcome.ok) return { problem: outcome.reason };
    const { userId, secondFactor } = outcome;
    return { next: secondFactor === 'none' ? await completeSignIn(request, userId) : await beginPending(request, userId, secondFactor, 'sso') };
  } catch (error) {
    if (error instanceof SsoResponseRefused) {
      request.log.warn({ check: error.code }, 'single sign-on: the answer was refused');
      await recordSsoFailure(db, sso.settings.issuer, error.code, request.id);
      return { problem: 'incomplete' };
    }
    if (!(error instanceof SsoUnavailable)) throw error;
    request.log.warn('single sign-on: the issuer could not be reached to finish a sign-in');
    return { problem: 'unavailable' };
  }
}

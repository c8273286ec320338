/** The second step of signing in: a code from the authenticator app, or one of the recovery codes. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SecretBox } from '../../modules/users/mfa-secret.ts';
import { verifySecondFactor } from '../../modules/users/mfa.service.ts';
import { actorForUser } from '../../modules/users/users.service.ts';
import { postedText } from '../incidents/form.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { abandonSignIn, completeSignIn, LOCKED_MESSAGE, pendingOf, pendingPage, renderSignIn, SIGN_IN_RATE_LIMIT } from './sign-in-flow.ts';

const MESSAGES = {
  empty: 'Enter the 6-digit code from your app, or a recovery code',
  invalid: 'The code is not right. Enter the 6-digit code your app shows now, or a recovery code',
  used: 'That code has been used already. Wait for your app to show a new code and enter that',
} as const;

function renderCodeForm(reply: FastifyReply, problem: keyof typeof MESSAGES | null): FastifyReply {
  const errors = problem ? [{ text: MESSAGES[problem], href: '#code' }] : [];
  return reply.code(problem ? 400 : 200).view('auth/mfa.njk', { title: 'Enter a code from your authenticator app', csrfToken: reply.generateCsrf(), errors });
}

export function registerMfaRoutes(app: FastifyInstance, { db, config, now }: RouteDeps, box: SecretBox): void {
  app.get(urls.signInMfa, async (request, reply) => {
    if (request.actor) return reply.redirect(urls.home);
    const pending = pendingOf(request);
    if (!pending) return reply.redirect(urls.signIn);
    if (pending.need !== 'code') return reply.redirect(pendingPage(pending));
    return renderCodeForm(reply, null);
  });

  app.post(urls.signInMfa, { preHandler: app.csrfProtection, config: SIGN_IN_RATE_LIMIT }, async (request, reply) => {
    if (request.actor) return reply.redirect(urls.home);
    const pending = pendingOf(request);
    if (!pending) return reply.redirect(urls.signIn);
    if (pending.need !== 'code') return reply.redirect(pendingPage(pending));
    const { code } = postedText(request, ['code'] as const);
    if (!code.trim()) return renderCodeForm(reply, 'empty');
    const actor = await actorForUser(db, pending.userId, request.id);
    if (!actor) {
      // Disabled while they were signing in.
      await abandonSignIn(request);
      return reply.redirect(urls.signIn);
    }
    const result = await verifySecondFactor(db, box, actor, code, now(), pending.method === 'sso' ? 'sso.signed-in' : 'user.signed-in');
    if (result.ok) return reply.redirect(await completeSignIn(request, pending.userId));
    if (result.reason !== 'locked') return renderCodeForm(reply, result.reason);
    await abandonSignIn(request);
    return renderSignIn(reply, config, { errors: [{ text: LOCKED_MESSAGE, href: '#email' }] });
  });
}

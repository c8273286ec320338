import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { secretBox } from '../../modules/users/mfa-secret.ts';
import { signIn } from '../../modules/users/users.service.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { registerAccountRoutes } from './account-routes.ts';
import { registerMfaRoutes } from './mfa-routes.ts';
import { beginPending, completeSignIn, LOCKED_MESSAGE, renderSignIn, SIGN_IN_RATE_LIMIT } from './sign-in-flow.ts';
import { registerSsoRoutes } from './sso-routes.ts';

const SignInForm = z.object({ email: z.string().trim().default(''), password: z.string().default('') });

export function registerAuthRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, config } = deps;
  app.get(urls.signIn, async (request, reply) => {
    if (request.actor) return reply.redirect(urls.home);
    return renderSignIn(reply, config);
  });

  app.post(urls.signIn, { preHandler: app.csrfProtection, config: SIGN_IN_RATE_LIMIT }, async (request, reply) => {
    const form = SignInForm.parse(request.body ?? {});
    const errors = [];
    if (!form.email) errors.push({ text: 'Enter your e-mail address', href: '#email' });
    if (!form.password) errors.push({ text: 'Enter your password', href: '#password' });
    if (errors.length === 0) {
      const result = await signIn(db, form.email, form.password, request.id);
      if (result.ok) {
        const { userId, secondFactor } = result;
        return reply.redirect(secondFactor === 'none' ? await completeSignIn(request, userId) : await beginPending(request, userId, secondFactor, 'password'));
      }
      errors.push(result.reason === 'locked' ? { text: LOCKED_MESSAGE, href: '#email' } : { text: 'Enter a correct e-mail address and password', href: '#email' });
    }
    return renderSignIn(reply, config, { errors, values: { email: form.email } });
  });

  app.post(urls.signOut, { preHandler: app.csrfProtection }, async (request, reply) => {
    await request.session.destroy();
    return reply.redirect(urls.signIn);
  });

  app.get(urls.home, async (request, reply) => {
    const role = request.actor?.role;
    if (role === 'admin') return reply.redirect(urls.apiKeys);
    if (role === 'manager') return reply.view('auth/manager-home.njk', { title: 'Homeward' });
    if (role === 'rhi_worker') return reply.redirect(urls.returnInterviews);
    return reply.redirect(urls.missingNow);
  });

  const box = secretBox(config.sessionSecret);
  registerMfaRoutes(app, deps, box);
  registerAccountRoutes(app, deps, box);
  registerSsoRoutes(app, deps);
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { signIn } from '../../modules/users/users.service.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

const SignInForm = z.object({ email: z.string().trim().default(''), password: z.string().default('') });

/** Only same-site paths are followed after sign-in, never another site's address. */
const safeReturn = (path: string | undefined) => (path && path.startsWith('/') && !path.startsWith('//') ? path : urls.home);

export function registerAuthRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const view = 'auth/sign-in.njk';
  app.get(urls.signIn, async (request, reply) => {
    if (request.actor) return reply.redirect(urls.home);
    return reply.view(view, { title: 'Sign in', csrfToken: reply.generateCsrf(), values: {} });
  });

  app.post(urls.signIn, { preHandler: app.csrfProtection, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
    const form = SignInForm.parse(request.body ?? {});
    const errors = [];
    if (!form.email) errors.push({ text: 'Enter your e-mail address', href: '#email' });
    if (!form.password) errors.push({ text: 'Enter your password', href: '#password' });
    if (errors.length === 0) {
      const result = await signIn(db, form.email, form.password, request.id);
      if (result.ok) {
        const returnTo = request.session.returnTo;
        // A new session id at sign-in, so a session id planted before sign-in is worthless (session fixation).
        await request.session.regenerate();
        request.session.userId = result.userId;
        return reply.redirect(safeReturn(returnTo));
      }
      errors.push(
        result.reason === 'locked'
          ? { text: 'Your account is locked after too many attempts. Try again in 15 minutes or ask your administrator.', href: '#email' }
          : { text: 'Enter a correct e-mail address and password', href: '#email' },
      );
    }
    return reply.code(400).view(view, { title: 'Sign in', errors, csrfToken: reply.generateCsrf(), values: { email: form.email } });
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
}

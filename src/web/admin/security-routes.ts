/** The authority's sign-in security: whether two-step verification is required, and resetting a person's app. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../modules/access/actor.ts';
import { ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import { resetUserMfa, securitySettings, setMfaRequired } from '../../modules/users/mfa-settings.service.ts';
import { formLocals, postedText } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

async function renderSecurity(reply: FastifyReply, db: Database, actor: Actor, values: Record<string, string> = {}, problems: FieldProblem[] = []): Promise<FastifyReply> {
  const settings = await securitySettings(db, actor);
  return reply.code(problems.length ? 400 : 200).view('admin/security.njk', { title: 'Sign-in security', settings, values, ...formLocals(reply, problems) });
}

export function registerSecurityRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.get(urls.adminSecurity, async (request, reply) => renderSecurity(reply, db, requireActor(request)));

  app.post(urls.adminSecurity, { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const { mfaRequired } = postedText(request, ['mfaRequired'] as const);
    if (mfaRequired !== 'yes' && mfaRequired !== 'no') {
      return renderSecurity(reply, db, actor, {}, [{ field: 'mfaRequired', message: 'Select whether two-step verification is required' }]);
    }
    await setMfaRequired(db, actor, mfaRequired === 'yes');
    request.session.flash = { title: 'Success', text: mfaRequired === 'yes' ? 'Two-step verification is now required at sign-in.' : 'Two-step verification is no longer required at sign-in.' };
    return reply.redirect(urls.adminSecurity);
  });

  app.post(urls.adminMfaReset, { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, ['email'] as const);
    try {
      await resetUserMfa(db, actor, values.email);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return renderSecurity(reply, db, actor, values, error.problems);
    }
    request.session.flash = { title: 'Success', text: 'Their authenticator app and recovery codes were removed. They can sign in with their password and set up a new app.' };
    return reply.redirect(urls.adminSecurity);
  });
}

/** API keys for the police system: list, create (the key is shown once), revoke after a confirmation. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../modules/access/actor.ts';
import { recordId } from '../../modules/children/ids.ts';
import { NotFound, ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import { createApiKey, listApiKeys, listPoliceAgencies, revokeApiKey } from '../../modules/users/api-keys.service.ts';
import type { Database } from '../../db/database.ts';
import { formLocals, postedText } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { registerSecurityRoutes } from './security-routes.ts';

type Params = { Params: { id: string } };

async function renderKeys(reply: FastifyReply, db: Database, actor: Actor, values: Record<string, string>, problems: FieldProblem[] = []): Promise<FastifyReply> {
  const keys = await listApiKeys(db, actor);
  const forces = await listPoliceAgencies(db, actor);
  return reply.view('admin/api-keys.njk', { title: 'API keys', keys, forces, values, ...formLocals(reply, problems) });
}

export function registerAdminRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  registerSecurityRoutes(app, deps);
  app.get(urls.apiKeys, async (request, reply) => renderKeys(reply, db, requireActor(request), {}));

  app.post(urls.apiKeys, { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, ['name', 'agencyId'] as const);
    try {
      const created = await createApiKey(db, actor, { authorityCode: actor.authorityCode, agencyId: values.agencyId, name: values.name });
      // Shown in answer to the POST, never stored: reloading the list will not show it again.
      return reply.view('admin/api-key-created.njk', { title: 'API key created', key: created.key, name: values.name.trim(), csrfToken: reply.generateCsrf() });
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return renderKeys(reply.code(400), db, actor, values, error.problems);
    }
  });

  app.get<Params>(urls.apiKeyRevoke(':id'), async (request, reply) => {
    const id = recordId(request.params.id, 'API key');
    const key = (await listApiKeys(db, requireActor(request))).find((k) => k.id === id);
    if (!key) throw new NotFound('There is no such API key');
    return reply.view('admin/api-key-revoke.njk', { title: `Revoke the key ${key.name}`, key });
  });

  app.post<Params>(urls.apiKeyRevoke(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    await revokeApiKey(db, requireActor(request), recordId(request.params.id, 'API key'));
    request.session.flash = { title: 'Success', text: 'The key was revoked: the police system can no longer use it.' };
    return reply.redirect(urls.apiKeys);
  });
}

/** Marking a task done, from the dashboard or from the child's record. */
import type { FastifyInstance } from 'fastify';
import { completeTask } from '../../modules/missing/tasks.service.ts';
import { postedText } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

export function registerTaskRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.post<{ Params: { id: string } }>(urls.taskComplete(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = postedText(request, ['note', 'returnTo'] as const);
    const task = await completeTask(db, requireActor(request), request.params.id, { note: form.note }, now());
    request.session.flash = { title: 'Success', text: `Task done: ${task.description}` };
    // Only known places to go back to: never a URL taken from the form.
    return reply.redirect(form.returnTo === 'child' ? urls.child(task.childId) : urls.missingNow);
  });
}

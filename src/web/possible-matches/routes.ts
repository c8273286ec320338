/** A Missing Officer's decision on a possible same child: merge the records, or keep them apart. */
import type { FastifyInstance } from 'fastify';
import { decidePossibleMatch } from '../../modules/missing/possible-match.service.ts';
import { postedText } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

export function registerPossibleMatchRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.post<{ Params: { id: string } }>(urls.possibleMatch(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const { decision } = postedText(request, ['decision'] as const);
    const result = await decidePossibleMatch(db, requireActor(request), request.params.id, decision, now());
    if (result.decision === 'confirm') {
      request.session.flash = { title: 'Success', text: 'The records were merged: everything recorded under the newer record is now on this one.' };
      return reply.redirect(urls.child(result.childId));
    }
    request.session.flash = { title: 'Success', text: 'Recorded as different children. Both records stay as they are.' };
    return reply.redirect(urls.missingNow);
  });
}
